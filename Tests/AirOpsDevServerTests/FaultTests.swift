import AirOps
import AsyncHTTPClient
import FoundationEssentials
import Testing

@testable import AirOpsDevServer

@Suite(.timeLimit(.minutes(1))) struct FaultTests {
    @Test func faultEndpointsNeedTheAdminToken() async throws {
        try await withServer { server in
            for method in ["GET", "PUT", "DELETE"] {
                let anonymous = try await server.send(method, "/dev/faults", identity: nil, body: "{}")
                #expect(anonymous.status == 401, "\(method)")
                #expect(anonymous.error != nil, "\(method)")
                #expect(try await server.faults(method, body: "{}", token: "wrong").status == 401, "\(method)")
            }
            let config = #"{"rules":[{"count":1,"endpoint":"get_app","retry_after":2,"status":429}],"seed":7}"#
            let put = try await server.faults("PUT", body: config)
            #expect(put.status == 200)
            #expect(put.text == config)
            #expect(try await server.faults("GET").text == config)
            #expect(try await server.faults("DELETE").text == "{}")
            #expect(try await server.faults("GET").text == "{}")
        }
    }

    @Test func adminTokenIsRandomUnlessGivenAndInTheBanner() throws {
        let token = DevServer(config: .builtIn).adminToken
        #expect(token.count == 32 && token.allSatisfy(\.isHexDigit))
        #expect(token != DevServer(config: .builtIn).adminToken)
        #expect(DevServer(config: .builtIn, adminToken: "t0k").adminToken == "t0k")
        let lines = startupBanner(baseURL: "http://127.0.0.1:8080", config: .builtIn, adminToken: "t0k")
        #expect(lines.suffix(2) == ["export AIROPS_DEV_ADMIN_TOKEN=t0k", "# ready"])
    }

    @Test func badConfigurationsAreRefused() async throws {
        try await withServer { server in
            for body in [
                "", "[]", #"{"rules":[{"endpoint":"nowhere","status":503}]}"#, #"{"rules":[{"status":503}]}"#,
                #"{"rules":[{"endpoint":"any"}]}"#, #"{"rules":[{"endpoint":"any","status":503,"rate":2}]}"#,
                #"{"rules":[{"endpoint":"any","status":503,"body":"stall"}]}"#,
                #"{"rules":[{"endpoint":"any","status":99}]}"#, #"{"refuse_connections_ms":-1}"#,
                #"{"rules":[{"endpoint":"any","status":307}]}"#, #"{"rules":[{"endpoint":"any","status":302,"location":""}]}"#,
                #"{"rules":[{"endpoint":"any","status":503,"location":"http://127.0.0.1:9/"}]}"#,
                #"{"rules":[{"endpoint":"any","latency_ms":5,"location":"http://127.0.0.1:9/"}]}"#,
                #"{"rules":[{"endpoint":"any","latency_ms":3600001}]}"#, #"{"refuse_connections_ms":3600001}"#,
                #"{"rules":[{"endpoint":"any","latency_ms":9223372036854775807}]}"#,
                #"{"realtime_drop_every_ms":9223372036854775807}"#, #"{"realtime_drop_every_ms":-1}"#,
                #"{"rules":[{"endpoint":"any","status":503,"count":99999999999999999999}]}"#,
            ] {
                let response = try await server.faults("PUT", body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.error != nil, "\(body)")
            }
        }
    }

    @Test func statusFaultAnswersInsteadAndCreatesNoExecution() async throws {
        try await withServer { server in
            try await server.setFaults(
                #"{"rules":[{"endpoint":"async_execute","status":503,"retry_after":1,"count":1}]}"#)
            let faulted = try await server.execute("static")
            #expect(faulted.status == 503)
            #expect(faulted.headers["retry-after"] == "1")
            #expect(faulted.error != nil)
            #expect(try await server.stat("executions_created") == 0)
            // The retry goes through and creates exactly one execution.
            let retried = try await server.execute("static")
            #expect(retried.status == 200)
            #expect(try await server.stat("executions_created") == 1)
            #expect(try await server.stat("faults_injected") == 1)
        }
    }

    @Test func redirectFaultAnswersTheStatusWithItsLocation() async throws {
        try await withServer { server in
            try await server.setFaults(
                #"{"rules":[{"endpoint":"async_execute","status":307,"location":"http://127.0.0.1:9/elsewhere","count":1}]}"#)
            // A client that does not follow redirects, so that the answer itself is seen.
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
            let redirected = try await server.send(
                "POST", "/sdk_api/airops_apps/static/async_execute", body: "{}", client: client)
            try await client.shutdown()
            #expect(redirected.status == 307)
            #expect(redirected.headers["location"] == "http://127.0.0.1:9/elsewhere")
            #expect(redirected.error != nil)
            #expect(try await server.stat("executions_created") == 0)
            #expect(try await server.execute("static").status == 200)
        }
    }

    @Test func chatFaultCreatesNoExecution() async throws {
        try await withServer(.builtIn) { server in
            try await server.setFaults(#"{"rules":[{"endpoint":"chat_stream","status":429}]}"#)
            let identity = TestIdentity(userId: "demo-user", apiKey: "demo-api-key")
            let app = try #require(DevServerConfig.builtIn.workspaces[0].apps.first { $0.type == .agent })
            let chat = try await server.send(
                "POST", "/sdk_api/agent_apps/\(app.id)/chat_stream", identity: identity,
                body: #"{"message":"hi","session_id":"s1","stream_channel_id":"c1"}"#)
            #expect(chat.status == 429)
            #expect(chat.headers["retry-after"] == nil)
            #expect(try await server.stat("executions_created") == 0)
        }
    }

    @Test func countFaultsTheNextRequestsOnly() async throws {
        try await withServer { server in
            let run = try await server.execute("static")
            let uuid = try #require(run.execution["uuid"]?.string)
            try await server.setFaults(#"{"rules":[{"endpoint":"get_execution","status":500,"count":3}]}"#)
            var statuses: [Int] = []
            for _ in 0..<5 {
                statuses.append(try await server.execution(uuid).status)
            }
            #expect(statuses == [500, 500, 500, 200, 200])
            // Other endpoints are untouched.
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/static").status == 200)
        }
    }

    @Test func seededRateRepeatsItself() async throws {
        try await withServer { server in
            let config = #"{"rules":[{"endpoint":"any","status":503,"rate":0.5}],"seed":42}"#
            var runs: [[Int]] = []
            for _ in 0..<2 {
                try await server.setFaults(config)
                var statuses: [Int] = []
                for _ in 0..<20 {
                    statuses.append(try await server.send("GET", "/sdk_api/airops_app_bases/static").status)
                }
                runs.append(statuses)
            }
            #expect(runs[0] == runs[1])
            #expect(runs[0].contains(503) && runs[0].contains(200), "\(runs[0])")
            #expect(try await server.stat("faults_injected") == 2 * runs[0].filter { $0 == 503 }.count)
        }
    }

    @Test func latencyDelaysTheRealAnswer() async throws {
        try await withServer { server in
            try await server.setFaults(#"{"rules":[{"endpoint":"get_app","latency_ms":300}]}"#)
            let start = ContinuousClock.now
            let response = try await server.send("GET", "/sdk_api/airops_app_bases/static")
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(response.status == 200)
            #expect(response["name"] == .string("Static"))
        }
    }

    @Test func brokenBodies() async throws {
        try await withServer { server in
            for kind in ["truncated", "malformed"] {
                try await server.setFaults(#"{"rules":[{"endpoint":"async_execute","body":"\#(kind)"}]}"#)
                let response = try await server.execute("static")
                #expect(response.status == 200, "\(kind)")
                #expect(!response.text.isEmpty, "\(kind)")
                #expect(response.json == nil, "\(kind): \(response.text)")
            }
            try await server.setFaults(#"{"rules":[{"endpoint":"async_execute","body":"wrong_types"}]}"#)
            let wrong = try await server.execute("static")
            #expect(wrong.status == 200)
            #expect(wrong.execution["id"] == .string("1"))
            #expect(wrong.execution["uuid"] == .int(1))
            #expect(try await server.stat("executions_created") == 0)

            try await server.setFaults(#"{"rules":[{"endpoint":"pusher_auth","body":"wrong_types"}]}"#)
            let auth = try await server.send("POST", "/sdk_api/pusher/auth", body: "socket_id=1.2&channel_name=private-a")
            #expect(auth["auth"] == .int(12345))
        }
    }

    @Test func stallAndEndlessBodiesDoNotBlockTheServer() async throws {
        try await withServer { server in
            let run = try await server.execute("static")
            let uuid = try #require(run.execution["uuid"]?.string)
            for kind in ["stall", "endless"] {
                try await server.setFaults(#"{"rules":[{"endpoint":"get_execution","body":"\#(kind)"}]}"#)
                async let givenUp: Void = server.expectGivesUp("GET", "/sdk_api/airops_apps/executions/\(uuid)")
                try await Task.sleep(for: .milliseconds(200))
                // Served while the faulted answer still hangs.
                let other = try await server.send("GET", "/sdk_api/airops_app_bases/static", timeout: .milliseconds(500))
                #expect(other.status == 200, "\(kind)")
                await givenUp
            }
        }
    }

    @Test func refusedConnectionsAreClosed() async throws {
        try await withServer { server in
            try await server.setFaults(#"{"refuse_connections_ms":400}"#)
            // A new client, so that no pooled connection from before is reused.
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            await #expect(throws: (any Error).self) {
                _ = try await server.send("GET", "/sdk_api/airops_app_bases/static", timeout: .seconds(2), client: client)
            }
            try await client.shutdown()
            try await Task.sleep(for: .milliseconds(500))
            let later = HTTPClient(eventLoopGroupProvider: .singleton)
            let response = try await server.send(
                "GET", "/sdk_api/airops_app_bases/static", timeout: .seconds(2), client: later)
            try await later.shutdown()
            #expect(response.status == 200)
            #expect(try await server.stat("faults_injected") ?? 0 >= 1)
        }
    }

    @Test func realtimeDropsAfterEvents() async throws {
        try await withServer { server in
            try await server.setFaults(#"{"realtime_drop_after_events":3}"#)
            let end = try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("public-news")
                for index in 1...3 {
                    let body = #"{"name":"e\#(index)","channel":"public-news","data":"x"}"#
                    #expect(try await server.trigger(body).status == 200)
                }
                var events: [String] = []
                while let frame = await socket.next() {
                    events.append(frame.event ?? "")
                }
                #expect(events == ["e1", "e2", "e3"])
            }
            #expect(end.closeCode == nil)
            #expect(try await server.stat("faults_injected") == 1)
        }
    }

    @Test func realtimeDropsPeriodically() async throws {
        try await withServer { server in
            try await server.setFaults(#"{"realtime_drop_every_ms":200}"#)
            for _ in 0..<2 {
                let start = ContinuousClock.now
                try await server.withSocket { socket in
                    try await socket.established()
                    while await socket.next() != nil {}
                }
                #expect(ContinuousClock.now - start < .seconds(2))
            }
            #expect(try await server.stat("faults_injected") ?? 0 >= 2)
        }
    }
}
