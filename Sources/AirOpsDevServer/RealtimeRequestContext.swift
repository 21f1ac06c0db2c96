import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of the realtime endpoint: Hummingbird's WebSocket context plus the
/// connection's socket, which a simulated network drop closes without a close frame.
struct RealtimeRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let socket: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        socket = source.channel
    }
}
