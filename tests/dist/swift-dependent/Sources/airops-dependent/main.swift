// Runs hello-world on the server that AIROPS_HOST names, as the identity of the dev server's
// export lines, through the AirOps product of the libairops package.
import AirOps
import Glibc

func environment(_ name: String) -> String {
    guard let value = getenv(name) else {
        fputs("set \(name) (the dev server prints it)\n", stderr)
        exit(2)
    }
    return String(cString: value)
}

do {
    let client = try AirOpsClient.identify(
        userId: environment("AIROPS_USER_ID"), workspaceId: environment("AIROPS_WORKSPACE_ID"),
        hashedUserId: environment("AIROPS_HASHED_USER_ID"), host: environment("AIROPS_HOST"))
    let execution = try await client.execute(appId: "hello-world", inputs: ["name": .string("Ada")])
    let record = try await execution.result(timeout: .seconds(60))
    await client.shutdown()
    guard case .string(let output)? = record.output else {
        fputs("unexpected output: \(record.json)\n", stderr)
        exit(1)
    }
    print(output)
} catch {
    fputs("\(error)\n", stderr)
    exit(1)
}
