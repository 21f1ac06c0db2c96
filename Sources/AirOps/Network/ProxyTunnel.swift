import NIOCore
import NIOHTTP1

/// Opens a CONNECT tunnel through an HTTP proxy on a fresh connection: sends
/// `CONNECT host:port` as soon as the channel is active and completes `established` (and
/// `outcome`) when the proxy answers 2xx, or fails it with an error that names the proxy and
/// its answer. The HTTP codec around it is NIO's; the caller removes codec and handler once
/// the tunnel stands. Every proxied connection is a tunnel, for http:// targets too, as
/// AsyncHTTPClient does it: the proxy never sees a request or its identity headers.
final class ProxyTunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let proxy: ServiceURL
    private let target: Origin
    private let established: EventLoopPromise<Void>
    private var status: HTTPResponseStatus?
    private var sent = false
    /// Set once: success when the tunnel stands.
    private(set) var outcome: Result<Void, AirOpsError>?

    init(proxy: ServiceURL, target: Origin, established: EventLoopPromise<Void>) {
        self.proxy = proxy
        self.target = target
        self.established = established
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { sendConnect(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        sendConnect(context)
        context.fireChannelActive()
    }

    private func sendConnect(_ context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        // Authority form, port always: CONNECT names a socket, not a URL.
        let hostAndPort = "\(target.host.contains(":") ? "[\(target.host)]" : target.host):\(target.port)"
        var headers = HTTPHeaders()
        headers.add(name: "host", value: hostAndPort)
        if let credentials = NetworkPolicy.proxyAuthorization(proxy) { headers.add(name: "proxy-authorization", value: credentials) }
        let head = HTTPRequestHead(version: .http1_1, method: .CONNECT, uri: hostAndPort, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = head.status
        case .body:
            break
        case .end:
            guard let status, (200..<300).contains(status.code) else {
                let answer = status.map { "HTTP \($0.code) \($0.reasonPhrase)" } ?? "no answer"
                fail(context, AirOpsError(.network, "the proxy \(proxy.text) refused the tunnel to \(target.host):\(target.port) (\(answer))"))
                return
            }
            outcome = .success(())
            established.succeed(())
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(context, AirOpsError(.network, "the proxy \(proxy.text) closed the connection before the tunnel to \(target.host):\(target.port) stood"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, AirOpsError(.network, "the proxy \(proxy.text) gave a malformed answer to CONNECT: \(error)"))
    }

    private func fail(_ context: ChannelHandlerContext, _ error: AirOpsError) {
        guard outcome == nil else { return }
        outcome = .failure(error)
        established.fail(error)
        context.close(promise: nil)
    }
}
