using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Runtime;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Turns the native layer's JSON (AWS member names) into the AWS.Tools response types in one forward pass
    /// over the native buffer: no document, no managed copy of the bytes, so the tokens live only in the result.
    /// </summary>
    internal static class ResponseReader
    {
        public static T Read<T>(ReadOnlySpan<byte> json) where T : AmazonWebServiceResponse, IAuthResponse, new()
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var r = new T();
            int? status = null;
            string requestId = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("ChallengeName")) r.ChallengeName = ChallengeNameType.FindValue(ReadString(ref reader));
                else if (reader.ValueTextEquals("Session")) r.Session = ReadString(ref reader);
                else if (reader.ValueTextEquals("ChallengeParameters")) r.ChallengeParameters = ReadMap(ref reader, json);
                else if (reader.ValueTextEquals("AuthenticationResult")) r.AuthenticationResult = ReadAuthResult(ref reader);
                else if (reader.ValueTextEquals("AvailableChallenges")) r.AvailableChallenges = ReadStrings(ref reader);
                else if (reader.ValueTextEquals("ResponseMetadata")) requestId = ReadRequestId(ref reader);
                else if (reader.ValueTextEquals("HttpStatusCode")) status = ReadInt(ref reader);
                else Skip(ref reader);
            }
            r.HttpStatusCode = (HttpStatusCode)(status ?? 200);
            r.ResponseMetadata = new ResponseMetadata { RequestId = requestId };
            return r;
        }

        /// <summary>Moves to the next member of the current object; false at its end.</summary>
        internal static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

        /// <summary>The member's value if it is a string, else null (the value is skipped).</summary>
        internal static string ReadString(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
            return null;
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n)) return n;
            reader.Skip();
            return null;
        }

        private static void Skip(ref Utf8JsonReader reader)
        {
            reader.Read();
            reader.Skip();
        }

        /// <summary>Opens the member's value if it is an object; false (value skipped) for null or anything else.</summary>
        private static bool StartObject(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject) return true;
            reader.Skip();
            return false;
        }

        private static string ReadRequestId(ref Utf8JsonReader reader)
        {
            string id = null;
            if (!StartObject(ref reader)) return null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("RequestId")) id = ReadString(ref reader);
                else Skip(ref reader);
            }
            return id;
        }

        private static AuthenticationResultType ReadAuthResult(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader)) return null;
            var a = new AuthenticationResultType();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("AccessToken")) a.AccessToken = ReadString(ref reader);
                else if (reader.ValueTextEquals("ExpiresIn")) a.ExpiresIn = ReadInt(ref reader);
                else if (reader.ValueTextEquals("IdToken")) a.IdToken = ReadString(ref reader);
                else if (reader.ValueTextEquals("RefreshToken")) a.RefreshToken = ReadString(ref reader);
                else if (reader.ValueTextEquals("TokenType")) a.TokenType = ReadString(ref reader);
                else if (reader.ValueTextEquals("NewDeviceMetadata")) a.NewDeviceMetadata = ReadDevice(ref reader);
                else Skip(ref reader);
            }
            return a;
        }

        private static NewDeviceMetadataType ReadDevice(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader)) return null;
            var d = new NewDeviceMetadataType();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("DeviceKey")) d.DeviceKey = ReadString(ref reader);
                else if (reader.ValueTextEquals("DeviceGroupKey")) d.DeviceGroupKey = ReadString(ref reader);
                else Skip(ref reader);
            }
            return d;
        }

        /// <summary>A string map; a value that is not a string is kept as its JSON text, as the service sent it.</summary>
        private static Dictionary<string, string> ReadMap(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
        {
            if (!StartObject(ref reader)) return null;
            var map = new Dictionary<string, string>();
            while (NextProperty(ref reader))
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    map[name] = reader.GetString();
                    continue;
                }
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                map[name] = Encoding.UTF8.GetString(json.Slice(start, (int)reader.BytesConsumed - start).ToArray());
            }
            return map;
        }

        private static List<string> ReadStrings(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                reader.Skip();
            }
            return list;
        }

        internal static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
