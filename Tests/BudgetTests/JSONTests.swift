import Foundation
import XCTest
@testable import BudgetJournal
@testable import BudgetJSON

/// A journal line with every awkward thing a real one carries: escapes, non-ASCII, a negative amount.
private let sampleLine = #"{"seq":42,"ts":"2024-05-17T09:31:07Z","kind":"expense","account":"checking","#
    + #""payee":"Café \"Olé\" 🍕","amount":-4599,"memo":"split\n50/50\\Sam","rate":"1.0825","#
    + #""tags":["food","home"],"meta":{"voided":false,"ref":null,"n":1.5e-3}}"#

final class JSONTests: XCTestCase {
    private func parse(_ text: String, _ limits: JSONLimits = .default) throws -> JSONValue {
        try JSONParser.parse(text, limits: limits)
    }

    /// Asserts that `text` fails exactly where and why expected.
    private func assertError(_ text: String, _ offset: Int, _ reason: String, _ limits: JSONLimits = .default,
                             line: UInt = #line) {
        XCTAssertThrowsError(try parse(text, limits), line: line) { error in
            XCTAssertEqual((error as? JSONParseError)?.offset, offset, "input: \(text.prefix(80))", line: line)
            XCTAssertEqual((error as? JSONParseError)?.reason.description, reason, "input: \(text.prefix(80))", line: line)
        }
    }

    private func assertParses(_ text: String, _ limits: JSONLimits = .default, line: UInt = #line) {
        XCTAssertNoThrow(try parse(text, limits), "input: \(text.prefix(80))", line: line)
    }

    // MARK: Round trips and shape

    func testSampleLineRoundTripsByteForByte() throws {
        let value = try parse(sampleLine)
        guard case .object(let object) = value else { return XCTFail("not an object") }
        XCTAssertEqual(object.members.map(\.key), ["seq", "ts", "kind", "account", "payee", "amount", "memo", "rate", "tags", "meta"])
        XCTAssertEqual(object["amount"], .number("-4599"))
        XCTAssertEqual(object["payee"], .string("Café \"Olé\" 🍕"))
        XCTAssertEqual(object["memo"], .string("split\n50/50\\Sam"))
        XCTAssertEqual(object["tags"], .array([.string("food"), .string("home")]))
        XCTAssertNil(object["missing"])
        XCTAssertEqual(JSONWriter.compact(value), sampleLine)
        XCTAssertEqual(try parse(JSONWriter.pretty(value)), value)
    }

    func testNumbersKeepTheirLiteralText() throws {
        for literal in ["0", "-0", "12345678901234567890123456789", "0.10", "1E+2", "-1.5e-007", "100"] {
            XCTAssertEqual(try parse(literal), .number(literal))
            XCTAssertEqual(JSONWriter.compact(.number(literal)), literal)
        }
    }

    func testScalarsAndWhitespace() throws {
        XCTAssertEqual(try parse(" \t\r\ntrue\n"), .bool(true))
        XCTAssertEqual(try parse("false"), .bool(false))
        XCTAssertEqual(try parse("null"), .null)
        XCTAssertEqual(try parse("[ ]"), .array([]))
        XCTAssertEqual(try parse("{ }"), .object(JSONObject()))
        XCTAssertEqual(try parse(#"[ 1 , { "a" : [ ] } ]"#), .array([.number("1"), .object(JSONObject([(key: "a", value: .array([]))]))]))
        XCTAssertEqual(try JSONParser.parse(Array("[1]".utf8)), .array([.number("1")]))
    }

    func testPrettyLayout() {
        var object = JSONObject()
        object.append("a", .number("1"))
        object.append("b", .array([.number("1"), .object(JSONObject([(key: "c", value: .null)]))]))
        object.append("d", .array([]))
        object.append("e", .object(JSONObject()))
        XCTAssertEqual(JSONWriter.pretty(.object(object)),
                       "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ],\n  \"d\": [],\n  \"e\": {}\n}")
        XCTAssertEqual(JSONWriter.compact(.object(object)), #"{"a":1,"b":[1,{"c":null}],"d":[],"e":{}}"#)
        XCTAssertEqual(JSONWriter.pretty(.string("x")), #""x""#)
    }

    func testObjectEqualityIsOrderedAndSubscriptFindsFirst() {
        let ab = JSONObject([(key: "a", value: .number("1")), (key: "b", value: .number("2"))])
        let ba = JSONObject([(key: "b", value: .number("2")), (key: "a", value: .number("1"))])
        XCTAssertEqual(ab, JSONObject([(key: "a", value: .number("1")), (key: "b", value: .number("2"))]))
        XCTAssertNotEqual(ab, ba)
        XCTAssertNotEqual(ab, JSONObject([(key: "a", value: .number("1"))]))
        XCTAssertNotEqual(ab, JSONObject([(key: "a", value: .number("1")), (key: "b", value: .number("3"))]))
        var twice = ab
        twice.append("a", .null)
        XCTAssertEqual(twice["a"], .number("1"))
        XCTAssertEqual(twice.members.count, 3)
    }

    // MARK: Errors

    func testEveryErrorReportsOffsetAndReason() {
        let cases: [(String, Int, String)] = [
            ("", 0, "unexpected end of input"),
            ("   ", 3, "unexpected end of input"),
            ("[1,2", 4, "unexpected end of input"),
            (#"{"a":"#, 5, "unexpected end of input"),
            ("[1,]", 2, "trailing comma"),
            (#"{"a":1 , }"#, 7, "trailing comma"),
            ("[1 2]", 3, "expected ',' or ']'"),
            (#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
            (#"{"a" 1}"#, 5, "expected ':'"),
            ("{1:2}", 1, "expected string key"),
            (#"{"a":1,2:3}"#, 7, "expected string key"),
            ("[,1]", 1, "unexpected character ','"),
            (#""abc"#, 0, "unterminated string"),
            (#"["a\"#, 1, "unterminated string"),
            ("01", 0, "leading zero"),
            ("-012", 1, "leading zero"),
            ("-", 1, "expected digit"),
            ("1.", 2, "expected digit"),
            ("1.e5", 2, "expected digit"),
            ("1e+", 3, "expected digit"),
            ("-Infinity", 1, "expected digit"),
            (".5", 0, "unexpected character '.'"),
            ("+1", 0, "unexpected character '+'"),
            ("NaN", 0, "unexpected character 'N'"),
            ("Infinity", 0, "unexpected character 'I'"),
            ("[tru]", 1, "invalid literal"),
            ("nul", 0, "invalid literal"),
            ("True", 0, "unexpected character 'T'"),
            ("true false", 5, "trailing characters"),
            ("{} x", 3, "trailing characters"),
            ("1 2", 2, "trailing characters"),
            ("\"a\u{01}b\"", 2, "control character in string"),
            ("\"tab\there\"", 4, "control character in string"),
            (#""\x""#, 1, "invalid escape"),
            (#""\U0041""#, 1, "invalid escape"),
            (#""\u12G4""#, 1, "invalid \\u escape"),
            (#""\u12"#, 1, "invalid \\u escape"),
            (#""\uD800""#, 1, "lone surrogate"),
            (#""ab\uDC00""#, 3, "lone surrogate"),
            (#""\uD800\u0041""#, 1, "lone surrogate"),
            (#""\uD800\n""#, 1, "lone surrogate"),
            (#""\uD800\uZZZZ""#, 7, "invalid \\u escape"),
            (#"{"seq":1,"seq":2}"#, 9, #"duplicate key "seq""#),
            (#"{"a":{"k\n":1,"k\n":2}}"#, 14, #"duplicate key "k\n""#),
            (#"{"\u00e9":1,"e\u0301":2}"#, 12, "duplicate key \"e\u{301}\""),
            ("\u{FEFF}1", 0, "unexpected byte 0xEF"),
            ("[\u{0}]", 1, "unexpected byte 0x00"),
        ]
        for (input, offset, reason) in cases { assertError(input, offset, reason) }
    }

    func testDuplicateKeysInWideObjectsUseTheSetPath() throws {
        let keys = (0..<200).map { "\"k\($0)\":\($0)" }
        assertParses("{" + keys.joined(separator: ",") + "}")
        let withDuplicate = "{" + keys.joined(separator: ",") + ",\"k150\":0}"
        assertError(withDuplicate, withDuplicate.utf8.count - 9, #"duplicate key "k150""#)
        let early = "{" + keys.joined(separator: ",") + ",\"k3\":0}"
        assertError(early, early.utf8.count - 7, #"duplicate key "k3""#)
        let long = String(repeating: "x", count: 100)
        assertError(#"{"\#(long)":1,"\#(long)":2}"#, 106, "duplicate key \"\(String(repeating: "x", count: 40))…\"")
    }

    func testErrorDescription() {
        XCTAssertEqual(JSONParseError(offset: 7, reason: "trailing comma").description, "byte 7: trailing comma")
    }

    // MARK: Limits, each at the limit and one past it

    func testDefaultLimits() {
        let limits = JSONLimits.default
        XCTAssertEqual([limits.depthMax, limits.bytesMax, limits.stringBytesMax, limits.numberDigitsMax, limits.membersMax],
                       [32, 1 << 20, 64 * 1024, 40, 10_000])
    }

    func testDepthLimit() {
        assertParses(String(repeating: "[", count: 32) + String(repeating: "]", count: 32))
        assertError(String(repeating: "[", count: 33) + String(repeating: "]", count: 33), 32, "nesting deeper than 32")
        assertParses(String(repeating: #"{"a":"#, count: 32) + "1" + String(repeating: "}", count: 32))
        assertError(String(repeating: #"{"a":"#, count: 33) + "1" + String(repeating: "}", count: 33), 32 * 5, "nesting deeper than 32")
        var none = JSONLimits.default
        none.depthMax = 0
        assertParses("7", none)
        assertError("[]", 0, "nesting deeper than 0", none)
    }

    func testDeepNestingNeedsNoRecursion() throws {
        // 5 000 levels on a 128 KiB stack leaves 26 bytes a level: no recursive parser fits. The
        // value is kept modest because releasing it does recurse, and that happens on this thread.
        var deep = JSONLimits.default
        deep.depthMax = 5_000
        let text = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let value = try Thread.runWithSmallStack { try JSONParser.parse(text, limits: deep) }
        var level = 0
        var current = value
        while case .array(let inner) = current, let first = inner.first { current = first; level += 1 }
        XCTAssertEqual(level, 4_999)
        deep.depthMax = 4_999
        XCTAssertThrowsError(try Thread.runWithSmallStack { try JSONParser.parse(text, limits: deep) }) {
            XCTAssertEqual(($0 as? JSONParseError)?.description, "byte 4999: nesting deeper than 4999")
        }
    }

    func testBytesLimit() {
        var limits = JSONLimits.default
        limits.bytesMax = 10
        assertParses("[1,2,3,45]", limits)
        assertError("[1,2,3,456]", 10, "input longer than 10 bytes", limits)
        assertParses("1" + String(repeating: " ", count: (1 << 20) - 1))
        assertError("1" + String(repeating: " ", count: 1 << 20), 1 << 20, "input longer than 1048576 bytes")
    }

    func testStringLimitCountsDecodedBytes() {
        var limits = JSONLimits.default
        limits.stringBytesMax = 4
        assertParses(#""abcd""#, limits)
        assertError(#""abcde""#, 0, "string longer than 4 bytes", limits)
        assertParses(#""\u00e9\u00e9""#, limits)
        assertError(#"["\u00e9\u00e9a"]"#, 1, "string longer than 4 bytes", limits)
        assertParses(#""éé""#, limits)
        assertError(#"{"ok":1,"abcde":1}"#, 8, "string longer than 4 bytes", limits)
        let max = String(repeating: "a", count: 64 * 1024)
        assertParses("\"\(max)\"")
        assertError("\"\(max)a\"", 0, "string longer than 65536 bytes")
    }

    func testNumberLimitCountsDigits() {
        var limits = JSONLimits.default
        limits.numberDigitsMax = 3
        assertParses("-1.5e2", limits)
        assertError("[1.25e1]", 1, "number longer than 3 digits", limits)
        assertError("1234", 0, "number longer than 3 digits", limits)
        assertParses(String(repeating: "9", count: 40))
        assertError(String(repeating: "9", count: 41), 0, "number longer than 40 digits")
    }

    func testMembersLimit() {
        var limits = JSONLimits.default
        limits.membersMax = 2
        assertParses("[[1,2],[3,4]]", limits)
        assertError("[1,2,3]", 5, "more than 2 members", limits)
        assertParses(#"{"a":1,"b":{"c":1,"d":2}}"#, limits)
        assertError(#"{"a":1,"b":2, "c":3}"#, 14, "more than 2 members", limits)
        limits.membersMax = 0
        assertParses("[]", limits)
        assertError("[1]", 1, "more than 0 members", limits)
        assertError(#"{ "a":1}"#, 2, "more than 0 members", limits)
        let many = "[" + Array(repeating: "0", count: 10_000).joined(separator: ",")
        assertParses(many + "]")
        assertError(many + ",0]", 20_001, "more than 10000 members")
    }
}

private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

extension Thread {
    /// Runs `body` on a thread with a deliberately small stack and waits for it.
    fileprivate static func runWithSmallStack<T>(_ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { box.result = Result(catching: body); done.signal() }
        thread.stackSize = 128 * 1024
        thread.start()
        done.wait()
        // Taken out here, so the last reference to the result never dies on the small thread.
        defer { box.result = nil }
        return try box.result!.get()
    }
}
