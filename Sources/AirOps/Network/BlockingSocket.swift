#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// A TCP connection for an exchange that runs on the calling thread: non-blocking file
/// descriptor, every wait bounded by `poll` up to a deadline. No event loop, no thread hop.
final class BlockingSocket: @unchecked Sendable {
    /// Why a socket call failed; `refused` proves that nothing was sent.
    enum Failure: Error {
        case refused(String)
        case timedOut(String)
        case broken(String)
    }

    private let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// Connects to the first address of `host` that accepts, by `deadline`.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant) throws(Failure) -> BlockingSocket {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .broken("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastFailure = Failure.broken("no address for \(host)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            let socket = BlockingSocket(fd: fd)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            do throws(Failure) {
                try socket.finishConnect(Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen), host, port, deadline)
                return socket
            } catch {
                lastFailure = error
            }
        }
        throw lastFailure
    }

    private func finishConnect(_ result: Int32, _ host: String, _ port: Int, _ deadline: ContinuousClock.Instant) throws(Failure) {
        if result == 0 { return }
        guard errno == EINPROGRESS else { throw Self.connectFailure(errno, host, port) }
        try wait(for: Int16(POLLOUT), until: deadline, "connecting to \(host):\(port)")
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        if code != 0 { throw Self.connectFailure(code, host, port) }
    }

    private static func connectFailure(_ code: Int32, _ host: String, _ port: Int) -> Failure {
        let text = "cannot connect to \(host):\(port): \(String(cString: strerror(code)))"
        return code == ECONNREFUSED ? .refused(text) : .broken(text)
    }

    /// Sends all of `bytes` by `deadline`.
    func write(_ bytes: ByteBuffer, until deadline: ContinuousClock.Instant) throws(Failure) {
        var offset = 0
        let total = bytes.readableBytes
        while offset < total {
            let sent = bytes.withUnsafeReadableBytes { send(fd, $0.baseAddress! + offset, total - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if errno == EAGAIN || errno == EINTR {
                try wait(for: Int16(POLLOUT), until: deadline, "sending")
            } else {
                throw .broken("the connection broke while sending: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Reads what has arrived, waiting for it until `deadline`; returns 0 at the end of the stream.
    func read(into buffer: inout ByteBuffer, until deadline: ContinuousClock.Instant) throws(Failure) -> Int {
        while true {
            try wait(for: Int16(POLLIN), until: deadline, "waiting for the answer")
            var result = 0
            let got = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { space in
                result = recv(fd, space.baseAddress, space.count, 0)
                return max(result, 0)
            }
            if result >= 0 { return got }
            guard errno == EAGAIN || errno == EINTR else {
                throw .broken("the connection broke: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Whether the peer has neither closed the connection nor sent anything unasked: a
    /// kept-alive connection is reused only then.
    var isIdle: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, _ what: String) throws(Failure) {
        while true {
            let left = deadline - .now
            guard left > .zero else { throw .timedOut("timed out \(what)") }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(clamping: max(left.milliseconds, 1)))
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw .broken("poll failed: \(String(cString: strerror(errno)))") }
        }
    }
}
