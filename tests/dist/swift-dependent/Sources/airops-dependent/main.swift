// Runs hello-world on the server that AIROPS_HOST names, as the identity of the dev server's
// export lines, through the AirOps product of the libairops package.
import AirOps
import Glibc

func fail(_ message: String, status: Int32) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(status)
}

func environment(_ name: String) -> String {
    guard let value = getenv(name) else { fail("set \(name) (the dev server prints it)", status: 2) }
    return String(cString: value)
}

do {
    let client = try AirOpsClient.identify(
        userId: environment("AIROPS_USER_ID"), workspaceId: environment("AIROPS_WORKSPACE_ID"),
        hashedUserId: environment("AIROPS_HASHED_USER_ID"), host: environment("AIROPS_HOST"))
    let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")])
    let record = try await execution.result(timeout: .seconds(60))
    await client.shutdown()
    guard case .string(let output)? = record.output else { fail("unexpected output: \(record.json)", status: 1) }
    print(output)
} catch {
    fail("\(error)", status: 1)
}
