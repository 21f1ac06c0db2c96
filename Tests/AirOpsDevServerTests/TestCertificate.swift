#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-signed certificate for `localhost` and its key, PEM files made by the `openssl`
/// tool in a temporary directory of their own; ``remove()`` deletes them.
struct TestCertificate {
    let directory: String
    var certificatePath: String { directory + "/cert.pem" }
    var keyPath: String { directory + "/key.pem" }

    static func make() throws -> TestCertificate {
        var template = Array("/tmp/airops-tls-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw TestCertificateError("mkdtemp failed") }
        let certificate = TestCertificate(directory: String(cString: created))
        // The key apart: `req -newkey` prints progress on stderr. An EC key generates at once.
        try spawn([
            "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-out", certificate.keyPath,
        ])
        // Clients check the name in subjectAltName; the common name is for people.
        try spawn([
            "openssl", "req", "-x509", "-key", certificate.keyPath, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-out", certificate.certificatePath,
        ])
        return certificate
    }

    func remove() {
        unlink(certificatePath)
        unlink(keyPath)
        rmdir(directory)
    }
}

struct TestCertificateError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs a program found on PATH with `arguments` and waits for it to exit with 0.
private func spawn(_ arguments: [String]) throws {
    var cArguments = arguments.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawnp(&pid, arguments[0], nil, nil, &cArguments, environ)
    guard result == 0 else { throw TestCertificateError("cannot run \(arguments[0]): error \(result)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    guard status == 0 else { throw TestCertificateError("\(arguments.joined(separator: " ")) failed: status \(status)") }
}
