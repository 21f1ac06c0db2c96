import NIOCore
import NIOPosix
import Synchronization

/// Looks host names up for a NIO bootstrap on the process's blocking threads (``EventLoops``):
/// NIO's own resolver runs getaddrinfo on libdispatch, which runs nothing in a forked child.
/// One lookup answers both of Happy Eyeballs' queries.
final class PoolResolver: Resolver, Sendable {
    private let loop: any EventLoop
    private let lookup = Mutex<EventLoopFuture<SocketAddress>?>(nil)

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func initiateAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        address(host, port).map { $0.protocol == .inet ? [$0] : [] }
    }

    func initiateAAAAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        address(host, port).map { $0.protocol == .inet6 ? [$0] : [] }
    }

    func cancelQueries() {}

    private func address(_ host: String, _ port: Int) -> EventLoopFuture<SocketAddress> {
        lookup.withLock { lookup in
            if let lookup { return lookup }
            let address = EventLoops.offload(on: loop) { try SocketAddress.makeAddressResolvingHost(host, port: port) }
            lookup = address
            return address
        }
    }
}
