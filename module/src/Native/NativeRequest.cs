using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Writes the request envelope the native core reads: operation, client settings, AWS input, and what
    /// the core needs beside the AWS request and never sends (client secret, device secret, challenge parameters).
    /// Written member by member, with no reflection: the first call of a session pays no serializer warm-up, and
    /// both assembly flavours run the same code. Members that are null are left out.
    /// </summary>
    internal static class NativeRequest
    {
        /// <param name="clientSecret">The app client's secret, for SECRET_HASH; not sent to the service.</param>
        /// <param name="device">A remembered device's group key and password, for DEVICE_SRP_AUTH; not sent either.</param>
        /// <param name="challengeParameters">The answered challenge's parameters, whose SECRET_BLOCK finds the SRP exchange to sign; not sent.</param>
        public static byte[] Create(string operation, ClientSettings client, Dictionary<string, object> input,
            string clientSecret = null, DeviceSecret device = null, Dictionary<string, string> challengeParameters = null) =>
            Write(w =>
            {
                w.WriteString("operation", operation);
                if (client != null)
                {
                    w.WritePropertyName("client");
                    WriteClient(w, client);
                }
                Member(w, "input", input);
                Member(w, "clientSecret", clientSecret);
                if (device != null)
                {
                    w.WriteStartObject("device");
                    Member(w, "groupKey", device.GroupKey);
                    Member(w, "password", device.Password);
                    w.WriteEndObject();
                }
                Member(w, "challengeParameters", challengeParameters);
            });

        /// <summary>A building-block operation of the native core: no client, no service call.</summary>
        public static byte[] Local(string operation, Dictionary<string, object> input) =>
            Write(w =>
            {
                w.WriteString("operation", operation);
                Member(w, "input", input);
            });

        /// <summary>
        /// Sees every envelope as it is made, for tests/SecretsWiped.Tests.ps1 to check later that each was wiped
        /// whatever path the call took; null outside that test.
        /// </summary>
        internal static Action<byte[]> WipeProbe;

        private static byte[] Write(Action<Utf8JsonWriter> members)
        {
            using (var buffer = new WipedBufferWriter())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    members(w);
                    w.WriteEndObject();
                }
                var envelope = buffer.ToArray();
                WipeProbe?.Invoke(envelope);
                return envelope;
            }
        }

        private static void WriteClient(Utf8JsonWriter w, ClientSettings c)
        {
            w.WriteStartObject();
            Member(w, "region", c.Region);
            Member(w, "endpointUrl", c.EndpointUrl);
            if (c.Credentials != null)
            {
                w.WriteStartObject("credentials");
                Member(w, "accessKeyId", c.Credentials.AccessKeyId);
                Member(w, "secretAccessKey", c.Credentials.SecretAccessKey);
                Member(w, "sessionToken", c.Credentials.SessionToken);
                w.WriteEndObject();
            }
            Member(w, "credentialsProfile", c.CredentialsProfile);
            Member(w, "regionProfile", c.RegionProfile);
            Member(w, "profileLocation", c.ProfileLocation);
            Member(w, "profileStamp", c.ProfileStamp);
            Member(w, "connectTimeoutMs", c.ConnectTimeoutMs);
            Member(w, "timeoutMs", c.TimeoutMs);
            Member(w, "readWriteTimeoutMs", c.ReadWriteTimeoutMs);
            Member(w, "maxAttempts", c.MaxAttempts);
            Member(w, "retryMode", c.RetryMode);
            Member(w, "environment", c.Environment);
            w.WriteEndObject();
        }

        private static void Member(Utf8JsonWriter w, string name, object value)
        {
            if (value == null) return;
            w.WritePropertyName(name);
            Value(w, value);
        }

        /// <summary>The shapes request members are built from (RequestMembers, StringMaps): strings, numbers, flags, maps and lists.</summary>
        private static void Value(Utf8JsonWriter w, object value)
        {
            switch (value)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(s); break;
                case bool b: w.WriteBooleanValue(b); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case IDictionary map:
                    w.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        w.WritePropertyName((string)entry.Key);
                        Value(w, entry.Value);
                    }
                    w.WriteEndObject();
                    break;
                case IEnumerable list:
                    w.WriteStartArray();
                    foreach (var item in list) Value(w, item);
                    w.WriteEndArray();
                    break;
                default:
                    throw new InvalidOperationException($"A request member of type {value.GetType().FullName} has no JSON form in the envelope.");
            }
        }

        internal sealed class DeviceSecret
        {
            public string GroupKey { get; set; }
            public string Password { get; set; }
        }
    }
}
