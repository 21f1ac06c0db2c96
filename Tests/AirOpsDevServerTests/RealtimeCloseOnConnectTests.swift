import AirOps
import Testing

@testable import AirOpsDevServer

/// `POST /dev/realtime/close_on_connect`: the fault behind the clients' reconnect-floor tests.
@Suite(.timeLimit(.minutes(1))) struct RealtimeCloseOnConnectTests {
    @Test func newConnectionsAreClosedWithTheCodeUntilSwitchedOff() async throws {
        try await withServer { server in
            let on = try await server.admin("POST", "/dev/realtime/close_on_connect?code=4200")
            #expect(on.fields == ["close_on_connect": .int(4200)])
            let closed = try await server.withSocket { socket in
                // The handshake completes first, then the close frame follows.
                try await socket.established()
                #expect(await socket.next() == nil)
            }
            #expect(closed.closeCode == .init(codeNumber: 4200))

            let off = try await server.admin("POST", "/dev/realtime/close_on_connect")
            #expect(off.fields == ["close_on_connect": .null])
            try await server.withSocket { socket in
                try await socket.established()
                try await socket.join("public-a")
            }
            #expect(try await server.admin("POST", "/dev/realtime/close_on_connect?code=99").status == 400)
            #expect(try await server.send("POST", "/dev/realtime/close_on_connect", identity: nil).status == 401)
        }
    }
}
