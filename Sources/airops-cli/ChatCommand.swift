import AirOps
import ArgumentParser
import FoundationEssentials

struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with an agent app.",
        discussion: """
            Reads messages from stdin, one a line, and streams each reply to stdout as it is \
            produced; the agent's tool calls show on stderr as '[tool NAME] INPUT' and \
            '[tool NAME failed] ERROR'. All turns belong to one session, printed on stderr as \
            'session ID' at the start: pass it to --session to continue later. Ends at the end \
            of input or at a line '/exit'. A turn that fails is reported and the chat goes on; \
            with --message the command exits with 1 instead. Needs the realtime endpoint (see \
            'airops --help').

            EXAMPLES
              airops chat demo-agent
              airops chat demo-agent --message "What is the weather?"
              airops chat demo-agent --session 3f0c2a9e-6d0b-4bb8-9a57-0d5b1f3e2c11 --message "And then?"
              printf 'Hello\\nWhat did I say?\\n' | airops chat demo-agent 2>/dev/null
            """)

    @Argument(help: "The agent app's id (uuid).")
    var appId: String

    @Option(name: .customLong("session"), help: ArgumentHelp("The session to continue (default: a new one).", valueName: "id"))
    var sessionId: String?

    @Option(help: "Send this one message and exit instead of reading stdin.")
    var message: String?

    @OptionGroup
    var timeout: TimeoutOption

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        if message == nil && connection.readsStandardInput {
            throw ValidationError("chat reads its messages from stdin: with --hashed-user-id-file -, pass --message")
        }
    }

    func run() async throws {
        // Chosen here rather than by the first turn, so that it can be shown before it.
        let sessionId = self.sessionId ?? UUID().uuidString.lowercased()
        StandardStream.error.write("session \(sessionId)\n")
        try await connection.withClient { client in
            if let message { return try await send(message, client: client, sessionId: sessionId) }
            let prompts = StandardStream.input.isTerminal
            while true {
                if prompts { StandardStream.error.write("> ") }
                guard let line = await LineReader.next() else {
                    if prompts { StandardStream.error.write("\n") }
                    return
                }
                if line == "/exit" { return }
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                do {
                    try await send(line, client: client, sessionId: sessionId)
                } catch let failure as CommandFailure where failure.status == .executionFailed {
                    StandardStream.error.write("airops: \(failure.message)\n")
                }
            }
        }
    }

    /// One turn: the reply streams to stdout, the tool calls to stderr.
    private func send(_ message: String, client: AirOpsClient, sessionId: String) async throws {
        let execution = try await client.chat(appId: appId, message: message, sessionId: sessionId)
        let (record, streamed) = try await finalRecord(
            of: execution, timeout: timeout.duration, waiting: "thinking", show: EventPrinters.chat)
        try report(record, json: false, streamed: streamed)
    }
}
