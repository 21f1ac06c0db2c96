/// The workspaces and apps a dev server serves, usually read from a JSON file with
/// ``load(path:)``. Keys are snake_case:
///
/// ```json
/// {"workspaces": [{
///     "id": 1, "name": "Demo", "api_key": "secret",
///     "users": ["alice", "bob"],
///     "apps": [{
///         "id": 1, "uuid": "hello-world", "name": "Hello world", "public": false,
///         "versions": [
///             {"version": 1, "template": "Hello, {{name}}!", "duration_ms": 200},
///             {"version": 2, "template": "Hello, {{name}}!", "duration_ms": 200,
///              "failure": {"error_code": "boom", "error_message": "It failed."}}
///         ]
///     }]
/// }]}
/// ```
///
/// - `users` (optional): the user ids allowed in the workspace; omitted means any user id.
/// - `public` (optional, default false): public apps run without identity headers.
/// - App `id`s and `uuid`s are unique across all workspaces; a `uuid` is any non-numeric
///   string (apps are looked up by either). The current version is the highest `version`.
/// - `template`: the output of a successful run; `{{name}}` is replaced by input `name` (a
///   string as is, any other JSON value as compact JSON). Every input it names is required.
/// - `duration_ms` (optional, default 0): how long a run takes.
/// - `failure` (optional): every run of that version ends with status "error" and this code
///   and message.
/// - `chunk_count` (optional): a run with a `stream_channel_id` streams its output in this
///   many `chunk` events; by default one per word (with its following spaces), at most 50.
/// - `type` (optional, default "workflow"): "agent" makes an app an agent, chatted with over
///   `chat_stream`; an agent has an `agent` script (``Agent``) instead of `versions`.
/// - `realtime` (optional, top level): the Pusher app the realtime server plays
///   (``Realtime``).
public struct DevServerConfig: Codable, Sendable, Equatable {
    public var workspaces: [Workspace]
    public var realtime: Realtime

    public init(workspaces: [Workspace], realtime: Realtime = Realtime()) {
        self.workspaces = workspaces
        self.realtime = realtime
    }

    enum CodingKeys: String, CodingKey {
        case workspaces, realtime
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspaces = try container.decode([Workspace].self, forKey: .workspaces)
        realtime = try container.decodeIfPresent(Realtime.self, forKey: .realtime) ?? Realtime()
    }

    public struct Workspace: Codable, Sendable, Equatable {
        public var id: Int
        public var name: String
        /// The key that user ids are hashed with (HMAC-SHA256).
        public var apiKey: String
        /// The user ids allowed in this workspace; nil allows any.
        public var users: [String]?
        public var apps: [App]

        public init(id: Int, name: String, apiKey: String, users: [String]? = nil, apps: [App]) {
            self.id = id
            self.name = name
            self.apiKey = apiKey
            self.users = users
            self.apps = apps
        }

        enum CodingKeys: String, CodingKey {
            case id, name, users, apps
            case apiKey = "api_key"
        }
    }

    public struct App: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case workflow, agent
        }

        public var id: Int
        public var uuid: String
        public var name: String
        public var isPublic: Bool
        public var type: Kind
        /// Empty for agents.
        public var versions: [Version]
        /// The script of an agent; nil for workflows.
        public var agent: Agent?

        public init(id: Int, uuid: String, name: String, isPublic: Bool = false, versions: [Version]) {
            self.id = id
            self.uuid = uuid
            self.name = name
            self.isPublic = isPublic
            self.type = .workflow
            self.versions = versions
            self.agent = nil
        }

        public init(id: Int, uuid: String, name: String, isPublic: Bool = false, agent: Agent) {
            self.id = id
            self.uuid = uuid
            self.name = name
            self.isPublic = isPublic
            self.type = .agent
            self.versions = []
            self.agent = agent
        }

        enum CodingKeys: String, CodingKey {
            case id, uuid, name, type, versions, agent
            case isPublic = "public"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int.self, forKey: .id)
            uuid = try container.decode(String.self, forKey: .uuid)
            name = try container.decode(String.self, forKey: .name)
            isPublic = try container.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
            type = try container.decodeIfPresent(Kind.self, forKey: .type) ?? .workflow
            // Workflows must list versions; agents have none (validate() says so when they do).
            versions =
                type == .workflow
                ? try container.decode([Version].self, forKey: .versions)
                : try container.decodeIfPresent([Version].self, forKey: .versions) ?? []
            agent =
                type == .agent
                ? try container.decode(Agent.self, forKey: .agent)
                : try container.decodeIfPresent(Agent.self, forKey: .agent)
        }
    }

    public struct Version: Codable, Sendable, Equatable {
        public var version: Int
        public var template: String
        public var durationMs: Int
        public var failure: Failure?
        /// How many `chunk` events a streamed run sends; nil for one per word (at most 50).
        public var chunkCount: Int?

        public init(
            version: Int, template: String, durationMs: Int = 0, failure: Failure? = nil, chunkCount: Int? = nil
        ) {
            self.version = version
            self.template = template
            self.durationMs = durationMs
            self.failure = failure
            self.chunkCount = chunkCount
        }

        enum CodingKeys: String, CodingKey {
            case version, template, failure
            case durationMs = "duration_ms"
            case chunkCount = "chunk_count"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(Int.self, forKey: .version)
            template = try container.decode(String.self, forKey: .template)
            durationMs = try container.decodeIfPresent(Int.self, forKey: .durationMs) ?? 0
            failure = try container.decodeIfPresent(Failure.self, forKey: .failure)
            chunkCount = try container.decodeIfPresent(Int.self, forKey: .chunkCount)
        }
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var errorCode: String
        public var errorMessage: String

        public init(errorCode: String, errorMessage: String) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        enum CodingKeys: String, CodingKey {
            case errorCode = "error_code"
            case errorMessage = "error_message"
        }
    }
}

/// Why a dev server cannot start: a config it cannot use, or a failure to listen. The
/// message says what to fix.
public struct DevServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
