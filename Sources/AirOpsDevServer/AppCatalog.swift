/// The apps of a config, ready to serve: found by id or uuid, templates parsed once.
struct AppCatalog: Sendable {
    struct Version: Sendable {
        let number: Int
        let template: Template
        let duration: Duration
        let failure: DevServerConfig.Failure?
        /// How many chunks a streamed run sends; nil for one per word.
        let chunkCount: Int?
    }

    struct App: Sendable {
        let id: Int
        let uuid: String
        let name: String
        let isPublic: Bool
        let workspaceId: Int
        /// Ascending by number; the last one is the current version.
        let versions: [Version]
        /// The script of an agent app; nil for a workflow.
        let agent: AgentScript?

        var currentVersion: Version { versions[versions.count - 1] }

        func version(_ number: Int) -> Version? {
            versions.first { $0.number == number }
        }
    }

    private let appsById: [Int: App]
    private let appsByUUID: [String: App]

    /// `config` must be valid (``DevServerConfig/validate()``); on duplicates the first wins.
    init(_ config: DevServerConfig) {
        var apps: [App] = []
        for workspace in config.workspaces {
            for app in workspace.apps {
                var versions = app.versions.sorted { $0.version < $1.version }.map {
                    Version(
                        number: $0.version, template: Template($0.template),
                        duration: .milliseconds($0.durationMs), failure: $0.failure, chunkCount: $0.chunkCount)
                }
                if app.agent != nil {
                    // An agent has one implicit version, so that its description and its
                    // executions read like a workflow's.
                    versions = [
                        Version(number: 1, template: Template(""), duration: .zero, failure: nil, chunkCount: nil)
                    ]
                }
                apps.append(
                    App(
                        id: app.id, uuid: app.uuid, name: app.name, isPublic: app.isPublic,
                        workspaceId: workspace.id, versions: versions, agent: app.agent.map(AgentScript.init)))
            }
        }
        appsById = Dictionary(apps.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        appsByUUID = Dictionary(apps.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The app whose id (in canonical decimal: no sign, no leading zeros) or uuid is
    /// `reference`.
    func app(_ reference: String) -> App? {
        if let id = Int(reference), String(id) == reference {
            return appsById[id]
        }
        return appsByUUID[reference]
    }
}
