import AirOps
import Testing

@testable import AirOpsDevServer

@Suite struct LifecycleTests {
    @Test func executionRunsFromPendingToSuccess() async throws {
        try await withServer { server in
            let run = try await server.execute("slow", body: #"{"inputs":{"text":"echo me"}}"#)
            #expect(run.status == 200)
            #expect(run.contentType == "application/json")
            let record = run.execution
            let uuid = try #require(record["uuid"]?.string)
            #expect(uuid == uuid.lowercased() && uuid.count == 36)
            #expect(record["status"] == .string("pending"))
            #expect(record["airops_app_id"] == .int(11))
            #expect(record["airops_apps_version_id"] == .int(1))
            #expect(record["workspace_id"] == .int(1))
            #expect(record["inputs"] == .object(["text": .string("echo me")]))
            #expect(record["output"] == .null)
            #expect(record["error_code"] == .null)
            #expect(record["error_message"] == .null)
            #expect(record["stream_channel_id"] == .null)
            #expect(record["conversation_id"] == .null)
            #expect(record["feedback"] == .null)
            #expect(record["credits_used"] == .int(0))
            #expect(record["runtime"] == .null)
            #expect(record["source"] == .string("sdk"))
            #expect(record["createdAt"]?.string?.hasSuffix("Z") == true)
            #expect(record["updatedAt"] != nil)
            guard case .int(let id)? = record["id"] else {
                Issue.record("id is not an integer")
                return
            }

            _ = try await server.waitFor("running", uuid)
            let done = try await server.waitFor("success", uuid)
            #expect(done["output"] == .string("echo me"))
            #expect(done["credits_used"] == .int(1))
            guard case .double(let runtime)? = done["runtime"] else {
                Issue.record("runtime is not a number")
                return
            }
            #expect(runtime >= 0.6 && runtime < 5)

            let next = try await server.execute("static")
            #expect(next.execution["id"] == .int(id + 1))
        }
    }

    @Test func latestVersionRunsUnlessOneIsPinned() async throws {
        try await withServer { server in
            let body = #"{"inputs":{"name":"Ann","count":3,"extra":{"b":[1,true],"a":null}}}"#
            let latest = try await server.execute("greeter", body: body)
            #expect(latest.execution["airops_apps_version_id"] == .int(2))
            let latestDone = try await server.waitFor("success", try #require(latest.execution["uuid"]?.string))
            #expect(latestDone["output"] == .string(#"Hello, Ann! 3 {"a":null,"b":[1,true]}"#))

            let pinned = try await server.execute("10", version: 1, body: body)
            #expect(pinned.execution["airops_apps_version_id"] == .int(1))
            let pinnedDone = try await server.waitFor("success", try #require(pinned.execution["uuid"]?.string))
            #expect(pinnedDone["output"] == .string("Hi Ann"))

            let unknown = try await server.execute("greeter", version: 9, body: body)
            #expect(unknown.status == 404)
            #expect(unknown.error == "Version 9 not found")
        }
    }

    @Test func failingVersionEndsInError() async throws {
        try await withServer { server in
            let run = try await server.execute("fails")
            let done = try await server.waitFor("error", try #require(run.execution["uuid"]?.string))
            #expect(done["error_code"] == .string("boom"))
            #expect(done["error_message"] == .string("It failed."))
            #expect(done["output"] == .null)
        }
    }

    @Test func cancelStopsTheExecutionAndIsIdempotent() async throws {
        try await withServer { server in
            let run = try await server.execute("slow", body: #"{"inputs":{"text":"x"}}"#)
            let uuid = try #require(run.execution["uuid"]?.string)
            let cancel = try await server.cancel(uuid)
            #expect(cancel.status == 204)
            #expect(cancel.text.isEmpty)
            #expect(try await server.cancel(uuid).status == 204)
            try await Task.sleep(for: .milliseconds(800))
            let after = try await server.execution(uuid)
            #expect(after["status"] == .string("cancelled"))
            #expect(after["output"] == .null)
        }
    }

    @Test func cancelAfterTheEndIsRefused() async throws {
        try await withServer { server in
            let run = try await server.execute("static")
            let uuid = try #require(run.execution["uuid"]?.string)
            _ = try await server.waitFor("success", uuid)
            let cancel = try await server.cancel(uuid)
            #expect(cancel.status == 400)
            #expect(cancel.error == "Execution \(uuid) has already finished with status success")
        }
    }

    @Test func unknownExecutionIsNotFound() async throws {
        try await withServer { server in
            let missing = try await server.execution("00000000-0000-0000-0000-000000000000")
            #expect(missing.status == 404)
            #expect(missing.error == "Execution not found")
            #expect(try await server.cancel("00000000-0000-0000-0000-000000000000").status == 404)
        }
    }

    @Test func storeForgetsTheOldestBeyondItsCapacity() async {
        let store = ExecutionStore(capacity: 2)
        let first = await store.create(
            appId: 1, version: 1, workspaceId: 1, inputs: [:], streamChannelId: nil, owner: nil)
        let second = await store.create(
            appId: 1, version: 1, workspaceId: 1, inputs: [:], streamChannelId: nil, owner: nil)
        let third = await store.create(
            appId: 1, version: 1, workspaceId: 1, inputs: [:], streamChannelId: nil, owner: nil)
        #expect(await store.lookup(first.uuid) == nil)
        #expect(await store.lookup(second.uuid) != nil)
        #expect(await store.lookup(third.uuid)?.record.id == 3)
    }

    @Test func stopClosesTheServer() async throws {
        let server = try await TestServer.start()
        #expect(try await server.send("GET", "/sdk_api/airops_app_bases/open").status == 200)
        await server.stop()
        await server.stop()
        // AsyncHTTPClient retries refused connections until the deadline: keep it short.
        await #expect(throws: (any Error).self) {
            _ = try await server.send("GET", "/sdk_api/airops_app_bases/open", timeout: .milliseconds(300))
        }
    }
}
