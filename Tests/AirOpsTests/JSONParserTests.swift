@testable import AirOpsWire
import FoundationEssentials
import XCTest

final class JSONParserTests: XCTestCase {
    private func parse(_ text: String) -> JSONValue? {
        JSONValue(json: Data(text.utf8))
    }

    func testValuesOfEveryKind() {
        XCTAssertEqual(
            parse(#" {"a": [1, -2.5, 3e2, true, false, null, "x"], "b": {}, "c": []} "#),
            .object([
                "a": .array([.int(1), .double(-2.5), .double(300), .bool(true), .bool(false), .null, .string("x")]),
                "b": .object([:]), "c": .array([]),
            ]))
        XCTAssertEqual(parse("-0"), .int(0))
        XCTAssertEqual(parse("12345678901234567890"), .double(1.2345678901234567e19), "beyond Int: a Double")
        XCTAssertEqual(parse("9223372036854775807"), .int(.max))
    }

    func testStringEscapesAndUnicode() {
        XCTAssertEqual(parse(#""a\"b\\c\/d\b\f\n\r\t""#), .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(parse(#""\u00e9\ud83d\ude00 é😀""#), .string("é😀 é😀"))
        XCTAssertEqual(parse(#""\ud800x""#), .string("\u{FFFD}x"), "a lone surrogate is replaced")
        XCTAssertEqual(parse(#""\ud800\u0041""#), .string("\u{FFFD}A"))
        XCTAssertEqual(JSONValue(json: Data([0x22, 0xFF, 0x22])), .string("\u{FFFD}"), "invalid UTF-8 is replaced")
    }

    func testMalformedTextIsRefused() {
        for text in [
            "", " ", "{", "[1,]", #"{"a":1,}"#, "01", "1.", ".5", "-", "1e", "+1", "NaN", "tru", "nul",
            #""abc"#, "\"a\nb\"", #""\x""#, #""\u12""#, "[1 2]", #"{"a" 1}"#, "{1: 2}", "1 2", "1e999",
        ] {
            XCTAssertNil(parse(text), "accepted \(text.debugDescription)")
        }
    }

    func testNestingIsBounded() {
        let allowed = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        XCTAssertNotNil(parse(allowed))
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertNil(parse(deep))
        XCTAssertThrowsError(try JSONValue.parse(String(repeating: "{\"a\":", count: 1000) + "1" + String(repeating: "}", count: 1000)))
    }

    func testWriterRoundTripsAndSortsKeys() {
        let value = JSONValue.object([
            "z": .string("quote \" backslash \\ newline \n control \u{1} é"), "a": .array([.int(-3), .double(0.1), .double(1e300), .null]),
        ])
        XCTAssertEqual(
            value.jsonText, #"{"a":[-3,0.1,1e+300,null],"z":"quote \" backslash \\ newline \n control \u0001 é"}"#)
        XCTAssertEqual(parse(value.jsonText), value)
        XCTAssertEqual(JSONValue.double(.nan).jsonText, "null")
    }
}
