using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace CognitoAdminAuth.Native.Contract
{
    /// <summary>What the library reads: the generated classes of Contract.g.cs that the module writes.</summary>
    internal interface IContractWriter
    {
        void Write(Utf8JsonWriter w);

        /// <summary>The members that are set, by their JSON names (for $AWSHistory's copy of a request).</summary>
        IEnumerable<KeyValuePair<string, object>> Members();
    }

    /// <summary>
    /// The value spellings the generated writers and readers share. Writers leave a null member out; readers
    /// stand on a member's value and give null for a value of another kind than the contract's.
    /// </summary>
    internal static class ContractJson
    {
        public static void Write(Utf8JsonWriter w, string name, string value)
        {
            if (value != null) w.WriteString(name, value);
        }

        public static void Write(Utf8JsonWriter w, string name, int? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
        }

        public static void Write(Utf8JsonWriter w, string name, long? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
        }

        /// <summary>A string map; a null value is written as null (AWS.Tools passes a $null entry on).</summary>
        public static void Write(Utf8JsonWriter w, string name, IDictionary<string, string> map)
        {
            if (map == null) return;
            w.WriteStartObject(name);
            foreach (var entry in map)
            {
                if (entry.Value == null) w.WriteNull(entry.Key);
                else w.WriteString(entry.Key, entry.Value);
            }
            w.WriteEndObject();
        }

        public static void Write(Utf8JsonWriter w, string name, IContractWriter value)
        {
            if (value == null) return;
            w.WritePropertyName(name);
            value.Write(w);
        }

        public static void Write(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            if (values == null) return;
            w.WriteStartArray(name);
            foreach (var value in values) w.WriteStringValue(value);
            w.WriteEndArray();
        }

        public static void Write(Utf8JsonWriter w, string name, IEnumerable<IContractWriter> values)
        {
            if (values == null) return;
            w.WriteStartArray(name);
            foreach (var value in values) value.Write(w);
            w.WriteEndArray();
        }

        /// <summary>Moves to the next member of the current object; false at its end.</summary>
        public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

        public static string ReadString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
            return null;
        }

        public static int? ReadInt(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n)) return n;
            reader.Skip();
            return null;
        }

        public static long? ReadLong(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) return n;
            reader.Skip();
            return null;
        }

        /// <summary>A string map; a value that is not a string is kept as its JSON text, as the service sent it.</summary>
        public static Dictionary<string, string> ReadMap(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }
            var map = new Dictionary<string, string>();
            while (NextProperty(ref reader))
            {
                var name = reader.GetString();
                reader.Read();
                map[name] = reader.TokenType == JsonTokenType.String ? reader.GetString() : RawText(ref reader);
            }
            return map;
        }

        public static List<string> ReadStrings(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                list.Add(ReadString(ref reader));
            return list;
        }

        /// <summary>Any JSON value as PowerShell values: objects as PSObjects, arrays object[], numbers long or double.</summary>
        public static object ReadAny(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var o = new PSObject();
                    while (NextProperty(ref reader))
                    {
                        var name = reader.GetString();
                        reader.Read();
                        o.Properties.Add(new PSNoteProperty(name, ReadAny(ref reader)));
                    }
                    return o;
                case JsonTokenType.StartArray:
                    var list = new List<object>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(ReadAny(ref reader));
                    return list.ToArray();
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.Number: return reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                default: return null;
            }
        }

        private static string RawText(ref Utf8JsonReader reader)
        {
            using (var doc = JsonDocument.ParseValue(ref reader)) return doc.RootElement.GetRawText();
        }
    }
}
