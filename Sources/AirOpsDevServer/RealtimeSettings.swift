extension DevServerConfig {
    /// The Pusher app that the realtime server plays, top-level key `realtime` of a config
    /// file; every field is optional:
    ///
    /// ```json
    /// "realtime": {"app_id": "1", "key": "airops-dev-key", "secret": "airops-dev-secret",
    ///              "activity_timeout": 120, "max_queued_frames": 1000}
    /// ```
    ///
    /// Clients connect to `/app/<key>`; private channels and the trigger API are signed with
    /// `secret`; `activity_timeout` (seconds) is what `pusher:connection_established` tells
    /// clients; a client that falls `max_queued_frames` frames behind is dropped, as Pusher drops
    /// slow clients (benchmarks raise it to measure a client's own ceiling).
    public struct Realtime: Codable, Sendable, Equatable {
        public var appId: String
        public var key: String
        public var secret: String
        public var activityTimeout: Int
        public var maxQueuedFrames: Int

        public init(
            appId: String = "1", key: String = "airops-dev-key", secret: String = "airops-dev-secret",
            activityTimeout: Int = 120, maxQueuedFrames: Int = 1000
        ) {
            self.appId = appId
            self.key = key
            self.secret = secret
            self.activityTimeout = activityTimeout
            self.maxQueuedFrames = maxQueuedFrames
        }

        enum CodingKeys: String, CodingKey {
            case key, secret
            case appId = "app_id"
            case activityTimeout = "activity_timeout"
            case maxQueuedFrames = "max_queued_frames"
        }

        public init(from decoder: any Decoder) throws {
            let defaults = Realtime()
            let container = try decoder.container(keyedBy: CodingKeys.self)
            appId = try container.decodeIfPresent(String.self, forKey: .appId) ?? defaults.appId
            key = try container.decodeIfPresent(String.self, forKey: .key) ?? defaults.key
            secret = try container.decodeIfPresent(String.self, forKey: .secret) ?? defaults.secret
            activityTimeout =
                try container.decodeIfPresent(Int.self, forKey: .activityTimeout) ?? defaults.activityTimeout
            maxQueuedFrames =
                try container.decodeIfPresent(Int.self, forKey: .maxQueuedFrames) ?? defaults.maxQueuedFrames
        }
    }
}
