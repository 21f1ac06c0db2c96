import NIOCore

/// Closes each new connection right after accept while ``FaultInjector`` refuses them:
/// Hummingbird does not let the listening socket refuse, so clients see the connection
/// reset or closed before any answer instead.
final class ConnectionRefusal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let faults: FaultInjector
    private var refused = false

    init(faults: FaultInjector) {
        self.faults = faults
    }

    func handlerAdded(context: ChannelHandlerContext) {
        refused = faults.refusesConnection()
        if refused, context.channel.isActive {
            context.close(promise: nil)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        guard !refused else { return context.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Nothing of a refused connection gets through, should bytes arrive before the close.
        guard !refused else { return }
        context.fireChannelRead(data)
    }
}
