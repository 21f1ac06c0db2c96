import AirOps

extension DevServerConfig {
    /// The demo workspace served when no config file is given. The README and the tests rely
    /// on these exact values.
    public static let builtIn = DevServerConfig(workspaces: [
        Workspace(
            id: 1, name: "Demo workspace", apiKey: "demo-api-key",
            apps: [
                App(
                    id: 1, uuid: "hello-world", name: "Hello world",
                    versions: [
                        Version(version: 1, template: "Hello, {{name}}!", durationMs: 300),
                        Version(version: 2, template: "Hello, {{name}}! Welcome to AirOps.", durationMs: 300),
                    ]),
                App(
                    id: 2, uuid: "slow-echo", name: "Slow echo",
                    versions: [Version(version: 1, template: "{{text}}", durationMs: 3000)]),
                App(
                    id: 3, uuid: "always-fails", name: "Always fails",
                    versions: [
                        Version(
                            version: 1, template: "never shown", durationMs: 100,
                            failure: Failure(errorCode: "demo_failure", errorMessage: "This demo app always fails."))
                    ]),
                App(
                    id: 4, uuid: "public-echo", name: "Public echo", isPublic: true,
                    versions: [Version(version: 1, template: "You said: {{text}}", durationMs: 100)]),
                App(id: 5, uuid: "demo-agent", name: "Demo agent", agent: demoAgent),
                App(id: 6, uuid: "public-agent", name: "Public agent", isPublic: true, agent: demoAgent),
            ])
    ])

    /// Replies "Turn N. You said: <message>." plus " This is a new session." on the first
    /// turn, else " Before that you said: <previous message>."; calls `recall_session`
    /// every turn, `get_weather` when the message says "weather", and the failing
    /// `flaky_tool` when it says "fail".
    static let demoAgent = Agent(
        reply: "Turn {{turn}}. You said: {{message}}. Before that you said: {{previous_message}}.",
        firstReply: "Turn {{turn}}. You said: {{message}}. This is a new session.",
        tokenDelayMs: 10,
        tools: [
            Tool(name: "recall_session", toolInput: ["turns_so_far": .string("{{turns_so_far}}")]),
            Tool(name: "get_weather", keywords: ["weather"], toolInput: ["city": .string("Paris")]),
            Tool(name: "flaky_tool", keywords: ["fail"], toolError: "flaky_tool is unavailable"),
        ])
}
