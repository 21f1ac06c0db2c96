import HummingbirdTLS

/// The certificate and private key with which a ``DevServer`` serves HTTPS, and the
/// realtime WebSocket as wss, on its one port.
public struct DevServerTLS: Sendable {
    let configuration: TLSConfiguration

    /// Reads both files now, so that a bad one stops the server before it listens.
    /// - Parameters:
    ///   - certificatePath: a PEM file: the server certificate, then any intermediates.
    ///   - keyPath: a PEM file with the certificate's private key.
    public init(certificatePath: String, keyPath: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw DevServerError("Cannot read the TLS certificate \(certificatePath): \(error)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw DevServerError("Cannot read the TLS private key \(keyPath): \(error)")
        }
        configuration = .makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

/// The host name to put in the URLs of a server that listens on `host`. With TLS, a
/// loopback or wildcard address becomes `localhost`: clients check the URL's host against
/// the certificate, which for local development names `localhost`, and some cannot send
/// SNI with an IP literal.
func advertisedHost(_ host: String, tls: Bool) -> String {
    tls && ["127.0.0.1", "::1", "0.0.0.0", "::"].contains(host) ? "localhost" : host
}
