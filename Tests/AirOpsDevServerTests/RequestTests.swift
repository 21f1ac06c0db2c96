import Testing

@testable import AirOpsDevServer

@Suite struct RequestTests {
    @Test func bodyIsOptional() async throws {
        try await withServer { server in
            for body in [nil, "", " \n", "{}", #"{"inputs":null}"#] {
                let response = try await server.execute("static", body: body)
                #expect(response.status == 200, "\(body ?? "no body")")
            }
        }
    }

    @Test func malformedBodiesAreRejected() async throws {
        try await withServer { server in
            let cases = [
                "{not json": "The request body is not valid JSON",
                "[1,2]": "The request body must be a JSON object",
                #"{"inputs":[1]}"#: "inputs must be a JSON object",
                #"{"inputs":"x"}"#: "inputs must be a JSON object",
                #"{"inputs":{},"stream_channel_id":5}"#: "stream_channel_id must be a string",
            ]
            for (body, message) in cases {
                let response = try await server.execute("static", body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.error == message, "\(body)")
            }
        }
    }

    @Test func missingInputIsBlank() async throws {
        try await withServer { server in
            let none = try await server.execute("slow")
            #expect(none.status == 400)
            #expect(none.error == "text can't be blank")
            let null = try await server.execute("slow", body: #"{"inputs":{"text":null}}"#)
            #expect(null.error == "text can't be blank")
            let other = try await server.execute("greeter", body: #"{"inputs":{"name":"A","count":1}}"#)
            #expect(other.error == "extra can't be blank")
        }
    }

    @Test func streamChannelAndExtraKeysAreAccepted() async throws {
        try await withServer { server in
            let run = try await server.execute(
                "static", body: #"{"inputs":{"unused":1},"stream_channel_id":"abc-123","definition":null}"#)
            #expect(run.status == 200)
            #expect(run.execution["stream_channel_id"] == .string("abc-123"))
            #expect(run.execution["inputs"] == .object(["unused": .int(1)]))
            let fetched = try await server.execution(try #require(run.execution["uuid"]?.string))
            #expect(fetched["stream_channel_id"] == .string("abc-123"))
        }
    }

    @Test func oddIdsAreUnknown() async throws {
        try await withServer { server in
            let ids = ["%2F", "..", "%2E%2E", "%25", "%3F", "%23", "a%20b", "%", "%ZZ", "%C3%28", "+10", "010", "-1",
                "99999999999999999999999", "greeter%2Fx", "%00"]
            for id in ids {
                for path in [
                    "/sdk_api/airops_app_bases/\(id)", "/sdk_api/airops_apps/\(id)/async_execute",
                    "/sdk_api/airops_apps/executions/\(id)", "/sdk_api/airops_apps/executions/\(id)/cancel",
                ] {
                    let method = path.hasSuffix("async_execute") ? "POST" : path.hasSuffix("cancel") ? "PATCH" : "GET"
                    let response = try await server.send(method, path)
                    #expect(response.status == 404, "\(method) \(path)")
                    #expect(response.error != nil, "\(method) \(path)")
                }
            }
            // Percent-encoded letters are just letters.
            #expect(try await server.send("GET", "/sdk_api/airops_app_bases/gr%65eter").status == 200)
        }
    }

    @Test func unknownRoutesAnswerJSON() async throws {
        try await withServer { server in
            for (method, path) in [("GET", "/"), ("GET", "/sdk_api/nothing"), ("DELETE", "/sdk_api/airops_app_bases/10")] {
                let response = try await server.send(method, path)
                #expect(response.status == 404, "\(method) \(path)")
                #expect(response.contentType == "application/json")
                #expect(response.error == "Not found")
            }
        }
    }

    @Test func oversizedBodyIsRefused() async throws {
        try await withServer { server in
            let huge = #"{"inputs":{"text":""# + String(repeating: "a", count: SDKRoutes.maxBodySize) + #""}}"#
            let response = try await server.execute("static", body: huge)
            #expect(response.status == 413)
            #expect(response.error != nil)
        }
    }
}
