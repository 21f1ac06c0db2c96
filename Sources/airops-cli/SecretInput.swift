import ArgumentParser
import Glibc

/// A secret the user gives one of three ways: as the value of an option (`--api-key KEY`,
/// which every local user can read in the process list), in a file (`--api-key-file PATH`,
/// `-` for stdin) or in an environment variable. Messages name the option and the path, never
/// the secret.
struct SecretInput {
    /// Secrets are short; the bound stops a wrong path (a log, a device) from being read for ever.
    static let maxFileSize = 64 * 1024

    /// The option that takes the value, e.g. `--api-key`; the file option adds `-file`.
    let option: String
    let value: String?
    let file: String?
    let environment: String

    var fileOption: String { option + "-file" }

    var readsStandardInput: Bool { file == "-" }

    /// For the command's `validate()`: the value and the file exclude each other.
    func validate() throws {
        if value != nil, file != nil {
            throw ValidationError("use one of \(option) and \(fileOption)")
        }
    }

    /// The option's value, else the file's text, else the environment's; nil when none has one.
    func resolve() throws -> String? {
        if let value { return value }
        if let file { return try read(file) }
        return environmentValue(environment)
    }

    /// The file's text without one trailing newline (`\n` or `\r\n`), as `echo` and editors leave it.
    private func read(_ path: String) throws -> String {
        let name = path == "-" ? "stdin" : path
        var bytes = try Self.contents(path) { reason in
            CommandFailure(.usage, "cannot read \(fileOption) \(name): \(reason)")
        }
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard !bytes.isEmpty else { throw CommandFailure(.usage, "\(fileOption) \(name) is empty") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure(.usage, "\(fileOption) \(name) is not UTF-8 text")
        }
        return text
    }

    /// Every byte of `path` (stdin for `-`), at most ``maxFileSize``.
    private static func contents(_ path: String, failure: (String) -> CommandFailure) throws -> [UInt8] {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += buffer[..<count]
            guard bytes.count <= maxFileSize else { throw failure("it is over \(maxFileSize / 1024) KiB") }
        }
    }
}
