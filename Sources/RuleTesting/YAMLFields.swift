import BaseLinkerModels
import Yams

/// A problem in a rule-test or fixture file, with the file and line it is on.
public struct RuleFileError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Reads one YAML mapping with its marks: typed fields, known keys only, errors with lines.
struct YAMLFields {
    let file: String
    let node: Node
    let mapping: Node.Mapping
    /// The path of this mapping within the document, for messages (`expect.lines[2]`).
    let path: String

    init(_ node: Node, file: String, path: String) throws {
        guard case .mapping(let mapping) = node else {
            throw RuleFileError(file: file, line: node.mark?.line, message: "\(path) must be a mapping")
        }
        self.file = file
        self.node = node
        self.mapping = mapping
        self.path = path
    }

    var line: Int? { node.mark?.line }

    func error(_ key: String?, _ message: String) -> RuleFileError {
        let at = key.flatMap { mapping[$0]?.mark?.line } ?? line
        let name = key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
        return RuleFileError(file: file, line: at, message: name.isEmpty ? message : "\(name): \(message)")
    }

    func rejectUnknown(_ known: Set<String>) throws {
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !known.contains(name) {
                let expected = known.sorted().joined(separator: ", ")
                throw RuleFileError(
                    file: file, line: key.mark?.line ?? value.mark?.line,
                    message: "unknown key \(path.isEmpty ? name : "\(path).\(name)") (expected one of: \(expected))")
            }
        }
    }

    func has(_ key: String) -> Bool { mapping[key] != nil }

    subscript(key: String) -> Node? { mapping[key] }

    func string(_ key: String) throws -> String? {
        guard let value = mapping[key] else { return nil }
        guard case .scalar(let scalar) = value, value.tagName != .null else {
            throw error(key, "must be text")
        }
        return scalar.string
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = mapping[key] else { return nil }
        guard let flag = value.bool, value.tagName == .bool else { throw error(key, "must be true or false") }
        return flag
    }

    func int(_ key: String) throws -> Int? {
        guard let value = mapping[key] else { return nil }
        guard let number = value.int, value.tagName == .int else { throw error(key, "must be a whole number") }
        return number
    }

    func mappings(_ key: String) throws -> [YAMLFields] {
        guard let value = mapping[key] else { return [] }
        guard case .sequence(let sequence) = value else { throw error(key, "must be a list") }
        let name = path.isEmpty ? key : "\(path).\(key)"
        return try sequence.enumerated().map { index, item in
            try YAMLFields(item, file: file, path: "\(name)[\(index + 1)]")
        }
    }

    /// The node as JSON, YAML's own types kept (a quoted "1" stays text).
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}

extension Node {
    /// The resolved tag's name (`Tag.Name.int`, `.str`…).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
