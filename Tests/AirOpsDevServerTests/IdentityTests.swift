import Testing

@testable import AirOpsDevServer

@Suite struct IdentityTests {
    @Test func privateAppNeedsAllThreeHeaders() async throws {
        try await withServer { server in
            let missing = try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: nil)
            #expect(missing.status == 401)
            #expect(missing.contentType == "application/json")
            #expect(
                missing.error
                    == "Missing identity: the user_id, workspace_id and user_id_hashed headers are required for private apps"
            )
            var partial = TestIdentity.alice
            partial.hash = ""
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: partial).status == 401)
            #expect(try await server.execute("greeter", identity: nil, body: #"{"inputs":{"name":"A"}}"#).status == 401)
        }
    }

    @Test func validIdentitySeesItsApp() async throws {
        try await withServer { server in
            let app = try await server.send("GET", "/sdk_api/airops_app_bases/10?methods=type")
            #expect(app.status == 200)
            #expect(app["id"] == .int(10))
            #expect(app["uuid"] == .string("greeter"))
            #expect(app["name"] == .string("Greeter"))
            #expect(app["public"] == .bool(false))
            #expect(app["type"] == .string("workflow"))
            #expect(app["active_version"] == .int(2))
            #expect(app["versions"] == .array([.int(1), .int(2)]))
            var upper = TestIdentity.alice
            upper.hash = upper.hash.uppercased()
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: upper).status == 200)
        }
    }

    @Test func wrongHashOrWorkspaceIsRejected() async throws {
        try await withServer { server in
            var wrongHash = TestIdentity.alice
            wrongHash.hash = TestIdentity(userId: "mallory").hash
            let rejected = try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: wrongHash)
            #expect(rejected.status == 401)
            #expect(rejected.error?.contains("user_id_hashed") == true)
            #expect(rejected.text.contains(TestIdentity.alice.hash) == false)

            let unknownWorkspace = TestIdentity(workspaceId: 99)
            let unknown = try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: unknownWorkspace)
            #expect(unknown.status == 401)
            #expect(unknown.error == "Unknown workspace 99")

            // Key of workspace 1, claiming workspace 2.
            let forged = TestIdentity(userId: "bob", workspaceId: 2, apiKey: "key-1")
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/other", identity: forged).status == 401)
        }
    }

    @Test func appOfAnotherWorkspaceIsHidden() async throws {
        try await withServer { server in
            let bob = TestIdentity(userId: "bob", workspaceId: 2, apiKey: "key-2")
            let hidden = try await server.send("GET", "/sdk_api/airops_app_bases/greeter", identity: bob)
            #expect(hidden.status == 404)
            #expect(hidden.error == "App not found")
            #expect(try await server.execute("greeter", identity: bob, body: #"{"inputs":{"name":"B"}}"#).status == 404)
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/other", identity: bob).status == 200)
        }
    }

    @Test func workspaceUserListIsEnforced() async throws {
        try await withServer { server in
            let carol = TestIdentity(userId: "carol", workspaceId: 2, apiKey: "key-2")
            let rejected = try await server.send("GET", "/sdk_api/airops_app_bases/other", identity: carol)
            #expect(rejected.status == 401)
            #expect(rejected.error == "Unknown user_id for workspace 2")
        }
    }

    @Test func publicAppNeedsNoIdentityButChecksOneThatIsSent() async throws {
        try await withServer { server in
            let app = try await server.send("GET", "/sdk_api/airops_app_bases/open", identity: nil)
            #expect(app.status == 200)
            #expect(app["public"] == .bool(true))
            let run = try await server.execute("open", identity: nil, body: #"{"inputs":{"text":"hi"}}"#)
            #expect(run.status == 200)
            let uuid = try #require(run.execution["uuid"]?.string)
            let done = try await server.waitFor("success", uuid, identity: nil)
            #expect(done["output"] == .string("You said: hi"))

            var wrongHash = TestIdentity.alice
            wrongHash.hash = String(repeating: "0", count: 64)
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/open", identity: wrongHash).status == 401)
            // Another workspace's valid identity is fine for a public app.
            let bob = TestIdentity(userId: "bob", workspaceId: 2, apiKey: "key-2")
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/open", identity: bob).status == 200)
        }
    }

    @Test func onlyTheCreatorSeesAPrivateExecution() async throws {
        try await withServer { server in
            let run = try await server.execute("long", body: #"{"inputs":{"text":"mine"}}"#)
            let uuid = try #require(run.execution["uuid"]?.string)

            let otherUser = TestIdentity(userId: "eve")
            let seenByOther = try await server.execution(uuid, identity: otherUser)
            #expect(seenByOther.status == 404)
            #expect(seenByOther.error == "Execution not found")
            #expect(try await server.cancel(uuid, identity: otherUser).status == 404)

            let bob = TestIdentity(userId: "bob", workspaceId: 2, apiKey: "key-2")
            #expect(try await server.execution(uuid, identity: bob).status == 404)

            #expect(try await server.execution(uuid, identity: nil).status == 401)
            var wrongHash = TestIdentity.alice
            wrongHash.hash = otherUser.hash
            #expect(try await server.execution(uuid, identity: wrongHash).status == 401)

            #expect(try await server.execution(uuid).status == 200)
            #expect(try await server.execution(uuid.uppercased()).status == 200)
            #expect(try await server.cancel(uuid).status == 204)
        }
    }

    @Test func constantTimeComparison() {
        #expect(constantTimeEqual("abc", "abc"))
        #expect(!constantTimeEqual("abc", "abd"))
        #expect(!constantTimeEqual("abc", "abcd"))
        #expect(constantTimeEqual("", ""))
    }
}
