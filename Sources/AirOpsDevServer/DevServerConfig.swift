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
public struct DevServerConfig: Codable, Sendable, Equatable {
    public var workspaces: [Workspace]

    public init(workspaces: [Workspace]) {
        self.workspaces = workspaces
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
        public var id: Int
        public var uuid: String
        public var name: String
        public var isPublic: Bool
        public var versions: [Version]

        public init(id: Int, uuid: String, name: String, isPublic: Bool = false, versions: [Version]) {
            self.id = id
            self.uuid = uuid
            self.name = name
            self.isPublic = isPublic
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey {
            case id, uuid, name, versions
            case isPublic = "public"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(Int.self, forKey: .id)
            uuid = try container.decode(String.self, forKey: .uuid)
            name = try container.decode(String.self, forKey: .name)
            isPublic = try container.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false
            versions = try container.decode([Version].self, forKey: .versions)
        }
    }

    public struct Version: Codable, Sendable, Equatable {
        public var version: Int
        public var template: String
        public var durationMs: Int
        public var failure: Failure?

        public init(version: Int, template: String, durationMs: Int = 0, failure: Failure? = nil) {
            self.version = version
            self.template = template
            self.durationMs = durationMs
            self.failure = failure
        }

        enum CodingKeys: String, CodingKey {
            case version, template, failure
            case durationMs = "duration_ms"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(Int.self, forKey: .version)
            template = try container.decode(String.self, forKey: .template)
            durationMs = try container.decodeIfPresent(Int.self, forKey: .durationMs) ?? 0
            failure = try container.decodeIfPresent(Failure.self, forKey: .failure)
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
