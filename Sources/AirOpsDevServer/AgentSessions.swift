/// The memory of agent chats: the messages of each session, per app, so that a reply can
/// depend on what was said before.
///
/// Memory stays bounded: the latest `capacity` sessions are kept (10,000 by default); a new
/// one beyond that forgets the oldest.
actor AgentSessions {
    private struct Key: Hashable {
        let appId: Int
        let sessionId: String
    }

    private let capacity: Int
    private var messages: [Key: [String]] = [:]
    /// Sessions in order of creation, for forgetting the oldest.
    private var order: [Key] = []
    private var oldest = 0

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Adds `message` to a session; returns its number in the session (1 for the first)
    /// and the message before it.
    func record(_ message: String, appId: Int, sessionId: String) -> (number: Int, previous: String?) {
        let key = Key(appId: appId, sessionId: sessionId)
        let earlier = messages[key]
        if earlier == nil {
            order.append(key)
            if order.count - oldest > capacity {
                messages[order[oldest]] = nil
                oldest += 1
            }
            // Compact the queue now and then rather than shifting it on every eviction.
            if oldest > capacity {
                order.removeFirst(oldest)
                oldest = 0
            }
        }
        messages[key, default: []].append(message)
        return (earlier.map { $0.count + 1 } ?? 1, earlier?.last)
    }
}
