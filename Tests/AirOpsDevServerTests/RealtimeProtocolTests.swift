import AirOps
import Testing
import WSClient

@testable import AirOpsDevServer

@Suite(.timeLimit(.minutes(1))) struct RealtimeProtocolTests {
    @Test func connectionEstablishedGivesASocketIdAndTheActivityTimeout() async throws {
        var config = testConfig
        config.realtime.activityTimeout = 42
        try await withServer(config) { server in
            try await server.withSocket { socket in
                let frame = try #require(await socket.next())
                #expect(frame.event == "pusher:connection_established")
                #expect(frame.channel == nil)
                // Pysher json.loads the data itself: it must be a string.
                guard case .string? = frame.data else {
                    Issue.record("data is not a string: \(frame)")
                    return
                }
                let data = try #require(frame.payload)
                #expect(data["activity_timeout"] == .int(42))
                let socketId = try #require(data["socket_id"]?.string)
                #expect(PusherNames.isValidSocketId(socketId), "\(socketId)")
            }
            // Pysher asks for protocol 6; no protocol means 7.
            for path in ["/app/airops-dev-key?client=Pysher&version=1.0.8&protocol=6", "/app/airops-dev-key"] {
                try await server.withSocket(path: path) { socket in
                    try await socket.established()
                }
            }
        }
    }

    @Test func socketIdsDiffer() async throws {
        try await withServer { server in
            try await server.withSocket { first in
                try await first.established()
                let firstId = first.socketId
                try await server.withSocket { second in
                    try await second.established()
                    #expect(firstId != second.socketId)
                }
            }
        }
    }

    @Test func unknownKeyIsRefusedWith4001() async throws {
        try await withServer { server in
            let end = try await server.withSocket(path: "/app/wrong-key?protocol=7") { socket in
                let frame = try #require(await socket.next())
                #expect(frame.event == "pusher:error")
                #expect(frame.data?["code"] == .int(4001))
                #expect(frame.data?["message"] == .string("App key wrong-key does not exist"))
                #expect(await socket.next() == nil)
            }
            #expect(end.closeCode == .init(codeNumber: 4001))
        }
    }

    @Test func unsupportedProtocolIsRefusedWith4007() async throws {
        try await withServer { server in
            for version in ["4", "8", "x"] {
                let end = try await server.withSocket(path: "/app/airops-dev-key?protocol=\(version)") { socket in
                    let frame = try #require(await socket.next())
                    #expect(frame.event == "pusher:error")
                    #expect(frame.data?["code"] == .int(4007))
                    #expect(await socket.next() == nil)
                }
                #expect(end.closeCode == .init(codeNumber: 4007), "protocol \(version)")
            }
        }
    }

    @Test func publicChannelsNeedNoAuth() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                let answer = try await socket.subscribe("public-abc")
                #expect(answer.event == "pusher_internal:subscription_succeeded")
                #expect(answer.channel == "public-abc")
                #expect(answer.data == .string("{}"))
                // Pusher-js sends auth "" for public channels.
                #expect(
                    try await socket.subscribe("my-channel", auth: "").event == "pusher_internal:subscription_succeeded"
                )
            }
        }
    }

    @Test func privateChannelsNeedTheRightSignature() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                let channel = "private-abc"
                let signature = PusherNames.channelSignature(
                    secret: "airops-dev-secret", socketId: socket.socketId, channel: channel)
                #expect(
                    signature
                        == hmacSHA256Hex(
                            key: Array("airops-dev-secret".utf8), message: Array("\(socket.socketId):\(channel)".utf8)))

                let wrongCases = [
                    nil, "", "airops-dev-key:\(String(repeating: "0", count: 64))", "other-key:\(signature)", signature,
                    "airops-dev-key:\(PusherNames.channelSignature(secret: "airops-dev-secret", socketId: "1.1", channel: channel))",
                ]
                for auth in wrongCases {
                    let refused = try await socket.subscribe(channel, auth: auth)
                    #expect(refused.event == "pusher:subscription_error", "\(auth ?? "no auth")")
                    #expect(refused.channel == channel)
                    #expect(refused.data?["type"] == .string("AuthError"))
                    #expect(refused.data?["status"] == .int(401))
                    #expect(refused.data?["error"]?.string?.isEmpty == false)
                }
                let accepted = try await socket.subscribe(channel, auth: "airops-dev-key:\(signature.uppercased())")
                #expect(accepted.event == "pusher_internal:subscription_succeeded")
                #expect(accepted.channel == channel)
            }
        }
    }

    @Test func badChannelNamesAndPresenceAreRefused() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                for channel in ["has space", "#server", "", String(repeating: "a", count: 201), "ünï"] {
                    let refused = try await socket.subscribe(channel)
                    #expect(refused.event == "pusher:subscription_error", "\(channel)")
                    #expect(refused.data?["type"] == .string("InvalidChannel"))
                }
                #expect(
                    try await socket.subscribe(String(repeating: "a", count: 200)).event
                        == "pusher_internal:subscription_succeeded")
                let presence = try await socket.subscribe("presence-room", auth: "airops-dev-key:00")
                #expect(presence.event == "pusher:subscription_error")
                #expect(presence.data?["type"] == .string("UnsupportedChannel"))
            }
        }
    }

    @Test func pingsAreAnswered() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                // Pysher pings with data "" as soon as the socket opens.
                try await socket.send(#"{"event":"pusher:ping","data":""}"#)
                try await socket.established()
                let pong = try #require(await socket.next())
                #expect(pong.event == "pusher:pong")
                #expect(pong.data == .object([:]))
                try await socket.send(#"{"event":"pusher:ping","data":{}}"#)
                #expect(await socket.next()?.event == "pusher:pong")
            }
        }
    }

    @Test func webSocketPingFramesAreAnswered() async throws {
        try await withServer { server in
            // The client pings every 250 ms and closes the connection when a pong is missing
            // by the next ping: a period that a loaded 2-core machine still meets.
            let pinging = WebSocketClientConfiguration(autoPing: .enabled(timePeriod: .milliseconds(250)))
            try await server.withSocket(configuration: pinging) { socket in
                try await socket.established()
                try await Task.sleep(for: .milliseconds(1200))
                #expect(try await socket.drain().isEmpty)
            }
        }
    }

    @Test func malformedFramesGetAnErrorAndTheConnectionStays() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                for text in ["not json", "[1]", #"{"data":{}}"#, #"{"event":5}"#] {
                    try await socket.send(text)
                    let error = try #require(await socket.next())
                    #expect(error.event == "pusher:error", "\(text)")
                    #expect(error.data?["code"] == .null)
                }
                try await socket.send(#"{"event":"client-typing","channel":"private-x","data":{}}"#)
                #expect(await socket.next()?.data?["code"] == .int(4301))
                // Unknown events and unsubscribing from anything are ignored.
                try await socket.send(#"{"event":"pusher:signin","data":{}}"#)
                try await socket.send(#"{"event":"pusher:unsubscribe","data":{"channel":"never-joined"}}"#)
                try await socket.send(#"{"event":"pusher:unsubscribe"}"#)
                #expect(try await socket.drain().isEmpty)
            }
        }
    }

    @Test func unsubscribedChannelsGetNoMoreEvents() async throws {
        try await withServer { server in
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("public-news")
                #expect(try await server.trigger(#"{"name":"a","channel":"public-news","data":"1"}"#).status == 200)
                try await socket.send(#"{"event":"pusher:unsubscribe","data":{"channel":"public-news"}}"#)
                #expect(try await socket.drain().map(\.event) == ["a"])
                #expect(try await server.trigger(#"{"name":"b","channel":"public-news","data":"2"}"#).status == 200)
                #expect(try await socket.drain().isEmpty)
            }
        }
    }
}
