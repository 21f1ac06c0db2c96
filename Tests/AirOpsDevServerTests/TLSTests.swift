import AsyncHTTPClient
import HummingbirdTLS
import NIOConcurrencyHelpers
import Testing

@testable import AirOpsDevServer

@Suite struct TLSTests {
    @Test func urlsNameLocalhostWithSchemesOfTLS() async throws {
        try await withTLSServer { server, _ in
            #expect(server.running.host == "127.0.0.1")
            #expect(server.running.baseURL == "https://localhost:\(server.running.port)")
            #expect(server.running.realtimeURL == "wss://localhost:\(server.running.port)")
        }
    }

    @Test func httpsRequestTrustingTheCertificateSucceeds() async throws {
        try await withTLSServer { server, trusting in
            let client = HTTPClient(configuration: .init(tlsConfiguration: trusting))
            do {
                let run = try await server.send("POST", "/sdk_api/airops_apps/static/async_execute", client: client)
                #expect(run.status == 200)
                #expect(run.execution["status"] == .string("pending"))
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    @Test func defaultTrustRejectsTheSelfSignedCertificate() async throws {
        try await withTLSServer { server, _ in
            // The client retries failed connections until the deadline, then reports the last failure.
            let error = await #expect(throws: (any Error).self) {
                try await server.send("POST", "/sdk_api/airops_apps/static/async_execute", timeout: .milliseconds(500))
            }
            #expect(String(describing: error).contains("CERTIFICATE_VERIFY_FAILED"), "\(String(describing: error))")
        }
    }

    @Test func wssConnectionIsEstablished() async throws {
        try await withTLSServer { server, trusting in
            let established = NIOLockedValueBox(false)
            try await server.withSocket(tlsConfiguration: trusting) { socket in
                try await socket.established()
                established.withLockedValue { $0 = !socket.socketId.isEmpty }
            }
            #expect(established.withLockedValue { $0 })
        }
    }

    @Test func bannerPrintsHTTPSAndWSS() {
        let lines = startupBanner(baseURL: "https://localhost:8443", config: .builtIn)
        #expect(lines.contains("export AIROPS_HOST=https://localhost:8443"))
        #expect(lines.contains("export AIROPS_REALTIME_URL=wss://localhost:8443"))
    }

    @Test func unreadableFilesAreReported() throws {
        #expect(throws: DevServerError.self) {
            try DevServerTLS(certificatePath: "/nonexistent/cert.pem", keyPath: "/nonexistent/key.pem")
        }
    }
}

/// Runs `body` against a fresh server with a new self-signed certificate for `localhost`,
/// giving it a client configuration that trusts that certificate alone.
private func withTLSServer(_ body: (TestServer, TLSConfiguration) async throws -> Void) async throws {
    let certificate = try TestCertificate.make()
    defer { certificate.remove() }
    var trusting = TLSConfiguration.makeClientConfiguration()
    trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.certificatePath))
    // A WSS client that closes waits this long for the server's TLS close_notify; here it
    // waited out the default 5 s (cause not found), so keep the wait short.
    trusting.shutdownTimeout = .milliseconds(300)
    let tls = try DevServerTLS(certificatePath: certificate.certificatePath, keyPath: certificate.keyPath)
    try await withServer(tls: tls) { try await body($0, trusting) }
}
