import AirOpsDevServer
import ArgumentParser
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct DevServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "airops-dev-server",
        abstract: "A local AirOps server for development and tests.",
        discussion: """
            Serves the AirOps sdk_api endpoints over a demo workspace, or over the workspaces and \
            apps of --config. Once listening it prints the client environment to stdout, ending \
            with "# ready". Runs until SIGINT or SIGTERM.
            """)

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8080

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "A JSON file of workspaces and apps (default: the built-in demo workspace).")
    var config: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let serverConfig: DevServerConfig
        do {
            serverConfig = try config.map { try DevServerConfig.load(path: $0) } ?? .builtIn
        } catch {
            writeLine(STDERR_FILENO, "airops-dev-server: \(error)")
            throw ExitCode(2)
        }
        let stopSignals = StopSignals()
        let server: RunningDevServer
        do {
            server = try await DevServer(config: serverConfig, logLevel: .info).start(host: host, port: port)
        } catch {
            writeLine(STDERR_FILENO, "airops-dev-server: cannot listen on \(host):\(port): \(error)")
            throw ExitCode.failure
        }
        for line in startupBanner(baseURL: server.baseURL, config: serverConfig) {
            writeLine(STDOUT_FILENO, line)
        }
        await stopSignals.wait()
        await server.stop()
    }
}

/// Writes straight to the file descriptor: a harness reads the startup lines from a pipe,
/// where buffered stdout would hold them back.
private func writeLine(_ descriptor: Int32, _ text: String) {
    var bytes = Array((text + "\n").utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}

/// SIGINT and SIGTERM, caught (instead of killing the process) so that the server can stop
/// cleanly and the process exit 0.
private final class StopSignals {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Void>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        self.stream = stream
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    func wait() async {
        for await _ in stream { return }
    }
}
