import AirOps
import FoundationEssentials
import Testing

@testable import AirOpsDevServer

@Suite(.timeLimit(.minutes(1))) struct RealtimeHTTPTests {
    private func expectedAuth(_ socketId: String, _ channel: String) -> String {
        "airops-dev-key:"
            + hmacSHA256Hex(key: Array("airops-dev-secret".utf8), message: Array("\(socketId):\(channel)".utf8))
    }

    @Test func authEndpointSignsPrivateChannels() async throws {
        try await withServer { server in
            // pusher-js: a form body, with the Content-Type the browser merged.
            let form = try await server.send(
                "POST", "/sdk_api/pusher/auth", body: "socket_id=123.456&channel_name=private-abc%3Dx",
                contentType: "application/x-www-form-urlencoded, application/json")
            #expect(form.status == 200)
            #expect(form.fields == ["auth": .string(expectedAuth("123.456", "private-abc=x"))])

            let json = try await server.send(
                "POST", "/sdk_api/pusher/auth", body: #"{"socket_id":"123.456","channel_name":"private-abc"}"#)
            #expect(json.status == 200)
            #expect(json["auth"] == .string(expectedAuth("123.456", "private-abc")))

            let formLabelledJSON = try await server.send(
                "POST", "/sdk_api/pusher/auth", body: "channel_name=private-abc&socket_id=1.2\n")
            #expect(formLabelledJSON["auth"] == .string(expectedAuth("1.2", "private-abc")))
        }
    }

    @Test func authEndpointChecksIdentityAndFields() async throws {
        try await withServer { server in
            let body = "socket_id=123.456&channel_name=private-abc"
            let anonymous = try await server.send("POST", "/sdk_api/pusher/auth", identity: nil, body: body)
            #expect(anonymous.status == 401)
            #expect(anonymous.error?.hasPrefix("Missing identity") == true)
            var forged = TestIdentity.alice
            forged.hash = String(repeating: "0", count: 64)
            #expect(try await server.send("POST", "/sdk_api/pusher/auth", identity: forged, body: body).status == 401)

            let bad = [
                "channel_name=private-abc", "socket_id=123&channel_name=private-abc",
                "socket_id=1.2.3&channel_name=private-abc", "socket_id=a.b&channel_name=private-abc",
                "socket_id=1.2", "socket_id=1.2&channel_name=public-abc", "socket_id=1.2&channel_name=presence-abc",
                "socket_id=1.2&channel_name=private-a%20b", "socket_id=1.2&channel_name=private-encrypted-abc", "",
                #"{"socket_id":1.2,"channel_name":"private-abc"}"#,
            ]
            for body in bad {
                let response = try await server.send("POST", "/sdk_api/pusher/auth", body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.error != nil, "\(body)")
            }
        }
    }

    @Test func triggerPublishesToSubscribers() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("private-orders")
                try await socket.join("public-news")
                let data = #"{"a": 1, "text": "caf\u00e9"}"#
                let body = JSONValue.object([
                    "name": .string("my-event"),
                    "channels": .array([.string("private-orders"), .string("public-news")]),
                    "data": .string(data),
                ]).jsonText
                let response = try await server.trigger(body)
                #expect(response.status == 200)
                #expect(response.fields == [:])
                let frames = try await socket.drain()
                #expect(frames.map(\.event) == ["my-event", "my-event"])
                #expect(frames.map(\.channel) == ["private-orders", "public-news"])
                #expect(frames.map(\.data) == [.string(data), .string(data)])

                // One channel; the socket that caused it is skipped.
                #expect(try await server.trigger(#"{"name":"e","channel":"public-news","data":"x"}"#).status == 200)
                let skipped = #"{"name":"e","channel":"public-news","data":"y","socket_id":"\#(socket.socketId)"}"#
                #expect(try await server.trigger(skipped).status == 200)
                #expect(try await socket.drain().map(\.data) == [.string("x")])

                let batch =
                    #"{"batch":[{"name":"b1","channel":"public-news","data":"1"},{"name":"b2","channel":"private-orders","data":"2"}]}"#
                let batched = try await server.trigger(batch, path: "/apps/1/batch_events")
                #expect(batched.status == 200)
                #expect(try await socket.drain().map(\.event) == ["b1", "b2"])
            }
        }
    }

    @Test func triggerChecksTheSignature() async throws {
        try await withServer { server in
            let body = #"{"name":"e","channel":"public-news","data":"x"}"#
            let wrongSecret = try await server.trigger(body, secret: "guess")
            #expect(wrongSecret.status == 401)
            #expect(wrongSecret.error?.hasPrefix("Invalid signature") == true)
            #expect(try await server.trigger(body, key: "other-key").status == 401)
            let now = Int64(Date().timeIntervalSince1970)
            let stale = try await server.trigger(body, timestamp: String(now - 605))
            #expect(stale.status == 401)
            #expect(stale.error?.hasPrefix("Timestamp expired") == true)
            #expect(try await server.trigger(body, timestamp: String(now + 605)).status == 401)
            #expect(try await server.trigger(body, timestamp: String(now - 590)).status == 200)
            #expect(try await server.send("POST", "/apps/1/events", identity: nil, body: body).status == 401)
            let unknownApp = try await server.trigger(body, path: "/apps/2/events")
            #expect(unknownApp.status == 404)
            #expect(unknownApp.error == "App not found")

            // A body other than the one signed.
            let query =
                "auth_key=airops-dev-key&auth_timestamp=\(now)&auth_version=1.0&body_md5=\(md5Hex(Array(body.utf8)))"
            let signature = hmacSHA256Hex(
                key: Array("airops-dev-secret".utf8), message: Array("POST\n/apps/1/events\n\(query)".utf8))
            let tampered = body.replacing("x", with: "z")
            let response = try await server.send(
                "POST", "/apps/1/events?\(query)&auth_signature=\(signature)", identity: nil, body: tampered)
            #expect(response.status == 401)
        }
    }

    @Test func triggerSurvivesExtremeTimestamps() async throws {
        try await withServer { server in
            let body = #"{"name":"e","channel":"public-news","data":"x"}"#
            let extremes = [
                String(Int64.min), String(Int64.max), "-1", "0", String(repeating: "9", count: 40),
                "-" + String(repeating: "9", count: 40), "", "12abc",
            ]
            for timestamp in extremes {
                // Signed right, and signed wrong: the timestamp is looked at either way.
                for secret in ["airops-dev-secret", "guess"] {
                    let response = try await server.trigger(body, secret: secret, timestamp: timestamp)
                    #expect(response.status == 401, "\(timestamp) \(secret)")
                    #expect(response.error != nil, "\(timestamp) \(secret)")
                }
            }
            #expect(try await server.trigger(body).status == 200)
        }
    }

    @Test func timestampDistanceNeverOverflows() {
        let signature = TriggerSignature(key: "k", secret: "s")
        for (now, timestamp) in [(Int64.max, Int64.min), (Int64.min, Int64.max), (0, Int64.min), (-1, Int64.max)] {
            let query: [(key: String, value: String)] = [
                ("auth_key", "k"), ("auth_timestamp", String(timestamp)), ("auth_version", "1.0"),
                ("auth_signature", "00"),
            ]
            #expect(throws: APIError.self, "\(now) \(timestamp)") {
                try signature.verify(method: "POST", path: "/apps/1/events", query: query, body: [], now: now)
            }
        }
    }

    @Test func devStatsNeedTheAdminToken() async throws {
        try await withServer { server in
            let token = server.running.adminToken
            #expect(try await server.send("GET", "/dev/stats", identity: nil).status == 401)
            for wrong in ["wrong", String(token.dropLast()), token + "0", token.uppercased() + "G", ""] {
                let response = try await server.admin("GET", "/dev/stats", token: wrong)
                #expect(response.status == 401, "\(wrong)")
                #expect(response.error?.hasPrefix("Missing or wrong admin token") == true)
            }
            let basic = try await server.send("GET", "/dev/stats", identity: nil, headers: ["authorization": token])
            #expect(basic.status == 401)
            #expect(try await server.admin("GET", "/dev/stats").status == 200)
        }
    }

    @Test func signatureMatchesThePusherDocsExample() throws {
        let body = #"{"name":"foo","channels":["project-3"],"data":"{\"some\":\"data\"}"}"#
        #expect(md5Hex(Array(body.utf8)) == "ec365a775a4cd0599faeb73354201b6f")
        let query: [(key: String, value: String)] = [
            ("auth_key", "278d425bdf160c739803"), ("auth_timestamp", "1353088179"), ("auth_version", "1.0"),
            ("body_md5", "ec365a775a4cd0599faeb73354201b6f"),
            ("auth_signature", "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"),
        ]
        let signature = TriggerSignature(key: "278d425bdf160c739803", secret: "7ad3773142a6692b25b8")
        try signature.verify(
            method: "POST", path: "/apps/3/events", query: query, body: Array(body.utf8), now: 1_353_088_179)
        #expect(throws: APIError.self) {
            try signature.verify(
                method: "POST", path: "/apps/4/events", query: query, body: Array(body.utf8), now: 1_353_088_179)
        }
    }

    /// MD5.swift against RFC 1321's suite and digests (from Python's hashlib) of messages on each
    /// side of the padding's block boundaries.
    @Test func md5MatchesRFC1321() {
        let suite = [
            "": "d41d8cd98f00b204e9800998ecf8427e", "a": "0cc175b9c0f1b6a831c399e269772661",
            "abc": "900150983cd24fb0d6963f7d28e17f72", "message digest": "f96b697d7cb7938d525a2f31aaf161d0",
            String(repeating: "1234567890", count: 8): "57edf4a22be3c955ac49da2e2107b67a",
        ]
        for (message, digest) in suite {
            #expect(md5Hex(Array(message.utf8)) == digest, "\(message)")
        }
        let boundaries = [
            55: "6912ee65fff2d9f9ce2508cddf8bcda0", 56: "51fdd1acda72405dfdfa03fcb85896d7",
            63: "48a6295221902e8e0938f773a7185e72", 64: "b2d3f56bc197fd985d5965079b5e7148",
            65: "8bd7053801c768420faf816fadba971c", 119: "1c772251899a7ff007400b888d6b2042",
            120: "b7ba1efc6022e9ed272f00b8831e26e6",
        ]
        for (count, digest) in boundaries {
            #expect(md5Hex((0..<count).map { UInt8($0) }) == digest, "\(count) bytes")
        }
    }

    @Test func triggerRefusesBadBodies() async throws {
        try await withServer { server in
            let cases = [
                "not json", "[]", #"{"channel":"a","data":"x"}"#, #"{"name":"","channel":"a","data":"x"}"#,
                #"{"name":"e","data":"x"}"#, #"{"name":"e","channels":[],"data":"x"}"#,
                #"{"name":"e","channels":[1],"data":"x"}"#, #"{"name":"e","channel":"a b","data":"x"}"#,
                #"{"name":"e","channel":"a"}"#, #"{"name":"e","channel":"a","data":"x","socket_id":"1"}"#,
                #"{"name":"\#(String(repeating: "n", count: 201))","channel":"a","data":"x"}"#,
                JSONValue.object([
                    "name": .string("e"), "channels": .array((0...100).map { .string("c\($0)") }), "data": .string("x"),
                ]).jsonText,
            ]
            for body in cases {
                let response = try await server.trigger(body)
                #expect(response.status == 400, "\(body)")
                #expect(response.error != nil)
            }
            let big = #"{"name":"e","channel":"a","data":"\#(String(repeating: "x", count: 10 * 1024 + 1))"}"#
            #expect(try await server.trigger(big).status == 413)
            let eleven = JSONValue.object([
                "batch": .array(
                    (0...10).map { _ in .object(["name": .string("e"), "channel": .string("a"), "data": .string("x")]) }
                )
            ]).jsonText
            #expect(try await server.trigger(eleven, path: "/apps/1/batch_events").status == 400)
        }
    }

    @Test func devStatsCountConnectionsSubscriptionsAndExecutions() async throws {
        try await withServer { server in
            let before = try await server.admin("GET", "/dev/stats")
            #expect(
                before.fields == [
                    "realtime_connections": .int(0), "realtime_connections_total": .int(0), "subscriptions": .int(0),
                    "executions_created": .int(0), "executions_read": .int(0), "faults_injected": .int(0),
                ])
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("public-a")
                try await socket.join("public-b")
                _ = try await server.execute("static")
                let during = try await server.admin("GET", "/dev/stats")
                #expect(during["realtime_connections"] == .int(1))
                #expect(during["realtime_connections_total"] == .int(1))
                #expect(during["subscriptions"] == .int(2))
                #expect(during["executions_created"] == .int(1))
            }
            try await waitForStat(server, "realtime_connections", 0)
            let after = try await server.admin("GET", "/dev/stats")
            #expect(after["realtime_connections_total"] == .int(1))
            #expect(after["subscriptions"] == .int(0))
        }
    }

    @Test func dropClosesEveryConnection() async throws {
        try await withServer { server in
            let abrupt = try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("public-a")
                let dropped = try await server.admin("POST", "/dev/realtime/drop")
                #expect(dropped.fields == ["dropped": .int(1)])
                #expect(await socket.next() == nil)
            }
            #expect(abrupt.closeCode == nil)

            let coded = try await server.withSocket { socket in
                try await socket.established()
                #expect(
                    try await server.admin("POST", "/dev/realtime/drop?code=4200")["dropped"] == .int(1))
                #expect(await socket.next() == nil)
            }
            #expect(coded.closeCode == .init(codeNumber: 4200))
            try await waitForStat(server, "realtime_connections", 0)
            #expect(try await server.admin("POST", "/dev/realtime/drop")["dropped"] == .int(0))
            #expect(try await server.admin("POST", "/dev/realtime/drop?code=99").status == 400)
            #expect(try await server.send("POST", "/dev/realtime/drop", identity: nil).status == 401)
            #expect(try await server.admin("POST", "/dev/realtime/drop", token: "wrong").status == 401)
        }
    }

    @Test func subscriptionsCanBeIgnored() async throws {
        try await withServer { server in
            let on = try await server.admin("POST", "/dev/realtime/ignore_subscriptions?enabled=true")
            #expect(on.fields == ["ignore_subscriptions": .bool(true)])
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.send(#"{"event":"pusher:subscribe","data":{"channel":"public-a"}}"#)
                #expect(try await socket.drain().isEmpty)
                _ = try await server.admin("POST", "/dev/realtime/ignore_subscriptions?enabled=false")
                try await socket.join("public-a")
            }
            #expect(try await server.admin("POST", "/dev/realtime/ignore_subscriptions").status == 400)
            #expect(
                try await server.send("POST", "/dev/realtime/ignore_subscriptions?enabled=true", identity: nil).status == 401)
        }
    }

    /// Polls `/dev/stats` until `key` is `value` (closing a connection is asynchronous).
    private func waitForStat(_ server: TestServer, _ key: String, _ value: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while try await server.admin("GET", "/dev/stats")[key] != .int(value) {
            guard ContinuousClock.now < deadline else {
                Issue.record("\(key) never became \(value)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
