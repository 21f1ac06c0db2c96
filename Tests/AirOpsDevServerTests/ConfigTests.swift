import AirOps
import FoundationEssentials
import Testing

@testable import AirOpsDevServer

@Suite struct ConfigTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    private func file(_ text: String) throws -> String {
        let path = "/tmp/airops-dev-server-test-\(UUID().uuidString).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func loadError(_ text: String) throws -> String {
        let path = try file(text)
        do {
            _ = try DevServerConfig.load(path: path)
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func builtInConfig() throws {
        let config = DevServerConfig.builtIn
        try config.validate()
        let workspace = try #require(config.workspaces.first)
        #expect(config.workspaces.count == 1)
        #expect(workspace.id == 1 && workspace.name == "Demo workspace" && workspace.apiKey == "demo-api-key")
        #expect(workspace.users == nil)
        #expect(workspace.apps.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(
            workspace.apps.map(\.uuid)
                == ["hello-world", "slow-echo", "always-fails", "public-echo", "demo-agent", "public-agent"])
        #expect(workspace.apps.map(\.isPublic) == [false, false, false, true, false, true])
        #expect(workspace.apps.map(\.type) == [.workflow, .workflow, .workflow, .workflow, .agent, .agent])
        #expect(workspace.apps[4].agent == workspace.apps[5].agent)
        #expect(workspace.apps[4].agent?.tokenDelayMs == 10)
        #expect(
            config.realtime
                == .init(appId: "1", key: "airops-dev-key", secret: "airops-dev-secret", activityTimeout: 120))
        #expect(workspace.apps[0].versions.map(\.template) == ["Hello, {{name}}!", "Hello, {{name}}! Welcome to AirOps."])
        #expect(workspace.apps[0].versions.map(\.durationMs) == [300, 300])
        #expect(workspace.apps[1].versions == [.init(version: 1, template: "{{text}}", durationMs: 3000)])
        #expect(
            workspace.apps[2].versions
                == [
                    .init(
                        version: 1, template: "never shown", durationMs: 100,
                        failure: .init(errorCode: "demo_failure", errorMessage: "This demo app always fails."))
                ])
        #expect(workspace.apps[3].versions == [.init(version: 1, template: "You said: {{text}}", durationMs: 100)])
    }

    @Test func builtInServerRunsTheDemo() async throws {
        try await withServer(.builtIn) { server in
            let demo = TestIdentity(userId: "demo-user", workspaceId: 1, apiKey: "demo-api-key")
            let run = try await server.execute("hello-world", identity: demo, body: #"{"inputs":{"name":"Ann"}}"#)
            let done = try await server.waitFor("success", try #require(run.execution["uuid"]?.string), identity: demo)
            #expect(done["output"] == .string("Hello, Ann! Welcome to AirOps."))
        }
    }

    @Test func loadsAFile() throws {
        let path = try file(
            """
            {"workspaces": [{"id": 7, "name": "W", "api_key": "k", "users": ["u"],
              "apps": [{"id": 3, "uuid": "app", "name": "App", "public": true,
                        "versions": [{"version": 2, "template": "{{a}}", "duration_ms": 5,
                                      "failure": {"error_code": "c", "error_message": "m"}},
                                     {"version": 1, "template": "t"}]}]}]}
            """)
        let config = try DevServerConfig.load(path: path)
        #expect(
            config
                == DevServerConfig(workspaces: [
                    .init(
                        id: 7, name: "W", apiKey: "k", users: ["u"],
                        apps: [
                            .init(
                                id: 3, uuid: "app", name: "App", isPublic: true,
                                versions: [
                                    .init(
                                        version: 2, template: "{{a}}", durationMs: 5,
                                        failure: .init(errorCode: "c", errorMessage: "m")),
                                    .init(version: 1, template: "t"),
                                ])
                        ])
                ]))
        #expect(AppCatalog(config).app("app")?.currentVersion.number == 2)
    }

    @Test func badFilesSayWhatIsWrong() throws {
        do {
            _ = try DevServerConfig.load(path: "/nonexistent/config.json")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.message == "Cannot read config file /nonexistent/config.json: No such file or directory")
        }
        #expect(try loadError("{oops").hasSuffix("at top level: The given data was not valid JSON."))
        #expect(
            try loadError(#"{"workspaces":[{"id":1,"name":"W","api_key":"k","apps":[{"id":1,"uuid":"a","name":"A","versions":[{"version":1}]}]}]}"#)
                .hasSuffix(#"at workspaces[0].apps[0].versions[0]: missing key "template""#))
        #expect(
            try loadError(#"{"workspaces":[{"id":"1","name":"W","api_key":"k","apps":[]}]}"#)
                .hasSuffix("at workspaces[0].id: expected Int"))

        let app = #"{"id":1,"uuid":"a","name":"A","versions":[{"version":1,"template":"t"}]}"#
        let other = #"{"id":2,"uuid":"a","name":"B","versions":[{"version":1,"template":"t"}]}"#
        let workspace = { (apps: String) in #"{"workspaces":[{"id":1,"name":"W","api_key":"k","apps":[\#(apps)]}]}"# }
        #expect(try loadError(workspace("\(app),\(app)")).hasSuffix("duplicate app id 1"))
        #expect(try loadError(workspace("\(app),\(other)")).hasSuffix(#"duplicate app uuid "a""#))
        #expect(try loadError(workspace(app.replacing(#""a""#, with: #""12""#))).contains("non-numeric"))
        #expect(try loadError(#"{"workspaces":[]}"#).hasSuffix("no workspaces"))
        #expect(try loadError(workspace(#"{"id":1,"uuid":"a","name":"A","versions":[]}"#)).hasSuffix("no versions"))
    }

    @Test func startRefusesAnInvalidConfig() async {
        let config = DevServerConfig(workspaces: [.init(id: 1, name: "W", apiKey: "", apps: [])])
        await #expect(throws: DevServerError.self) { _ = try await DevServer(config: config).start() }
    }

    @Test func startupBannerGivesTheClientEnvironment() throws {
        let lines = startupBanner(baseURL: "http://127.0.0.1:8080", config: .builtIn)
        #expect(
            lines == [
                "# airops-dev-server listening on http://127.0.0.1:8080",
                "# Point a client at it with:",
                "export AIROPS_HOST=http://127.0.0.1:8080",
                "export AIROPS_WORKSPACE_ID=1",
                "export AIROPS_USER_ID=demo-user",
                "export AIROPS_API_KEY=demo-api-key",
                "export AIROPS_HASHED_USER_ID=\(try hashUserId(apiKey: "demo-api-key", userId: "demo-user"))",
                "export AIROPS_REALTIME_URL=ws://127.0.0.1:8080",
                "export AIROPS_PUSHER_KEY=airops-dev-key",
                "export AIROPS_PUSHER_APP_ID=1",
                "export AIROPS_PUSHER_SECRET=airops-dev-secret",
                "# ready",
            ])
    }

    @Test func templateRendersInputs() {
        let template = Template("a {{x}} b {{ y }} {{x}} {{unclosed")
        #expect(template.inputNames == ["x", "y"])
        #expect(template.render(["x": .string("1"), "y": .double(2.5)]) == "a 1 b 2.5 1 {{unclosed")
        #expect(Template("").render([:]) == "")
    }
}

@Suite struct RealtimeConfigTests {
    @Test func realtimeSettingsHaveDefaults() throws {
        let config = try JSONDecoder().decode(
            DevServerConfig.self, from: Data(#"{"workspaces":[],"realtime":{"key":"k"}}"#.utf8))
        #expect(config.realtime == .init(appId: "1", key: "k", secret: "airops-dev-secret", activityTimeout: 120))
        let none = try JSONDecoder().decode(DevServerConfig.self, from: Data(#"{"workspaces":[]}"#.utf8))
        #expect(none.realtime == DevServerConfig.Realtime())
    }

    @Test func agentsAndChunkCountsLoad() throws {
        let text = """
            {"workspaces": [{"id": 1, "name": "W", "api_key": "k", "apps": [
                {"id": 1, "uuid": "a", "name": "A", "type": "agent",
                 "agent": {"reply": "r", "tools": [{"name": "t", "keywords": ["x"], "tool_input": {"a": 1},
                                                    "tool_error": "e"}]}},
                {"id": 2, "uuid": "w", "name": "W", "versions": [{"version": 1, "template": "t", "chunk_count": 3}]}]}],
             "realtime": {"app_id": "7", "key": "key", "secret": "s", "activity_timeout": 30, "max_queued_frames": 5}}
            """
        let config = try JSONDecoder().decode(DevServerConfig.self, from: Data(text.utf8))
        try config.validate()
        let apps = config.workspaces[0].apps
        #expect(apps[0].type == .agent)
        #expect(
            apps[0].agent
                == .init(
                    reply: "r", tokenDelayMs: 10,
                    tools: [.init(name: "t", keywords: ["x"], toolInput: ["a": .int(1)], toolError: "e")]))
        #expect(apps[1].type == .workflow)
        #expect(apps[1].versions[0].chunkCount == 3)
        #expect(config.realtime == .init(appId: "7", key: "key", secret: "s", activityTimeout: 30, maxQueuedFrames: 5))
    }

    @Test func badRealtimeAndAgentConfigsAreRefused() {
        func problem(_ change: (inout DevServerConfig) -> Void) -> String {
            var config = testConfig
            change(&config)
            do {
                try config.validate()
                return "no error"
            } catch {
                return error.message
            }
        }
        #expect(problem { $0.realtime.key = "a/b" }.contains("key"))
        #expect(problem { $0.realtime.appId = "" }.contains("app_id"))
        #expect(problem { $0.realtime.secret = "" }.contains("secret"))
        #expect(problem { $0.realtime.activityTimeout = 0 }.contains("activity_timeout"))
        #expect(problem { $0.realtime.maxQueuedFrames = 0 }.contains("max_queued_frames"))
        #expect(problem { $0.workspaces[0].apps[0].versions[0].chunkCount = 0 }.contains("chunk_count"))
        #expect(problem { $0.workspaces[0].apps[0].type = .agent }.contains("agent apps have no versions"))
        #expect(
            problem {
                $0.workspaces[0].apps.append(
                    .init(id: 99, uuid: "ag", name: "Ag", agent: .init(reply: "r", tokenDelayMs: -1)))
            }
            .contains("token_delay_ms"))
        #expect(
            problem { $0.workspaces[0].apps[0].agent = .init(reply: "r") }.contains("only agent apps have an agent"))
    }

    @Test func textIsCutIntoPiecesThatJoinBack() {
        #expect(TextPieces.words("Hello, Ann!  Bye ") == ["Hello, ", "Ann!  ", "Bye "])
        #expect(TextPieces.words("  lead") == ["  lead"])
        #expect(TextPieces.words("") == [])
        let many = (1...120).map { "w\($0)" }.joined(separator: " ")
        let grouped = TextPieces.words(many, limit: 50)
        #expect(grouped.count == 50)
        #expect(grouped.joined() == many)
        #expect(TextPieces.even("abcdefghij", count: 3) == ["abc", "def", "ghij"])
        #expect(TextPieces.even("ab", count: 5) == ["a", "b"])
        #expect(TextPieces.even("", count: 5) == [])
    }
}
