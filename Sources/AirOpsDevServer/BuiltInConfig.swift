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
            ])
    ])
}
