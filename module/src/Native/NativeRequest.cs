using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Serialises the request envelope the native core reads: operation, client settings, AWS input, and what
    /// the core needs beside the AWS request and never sends (client secret, device secret, challenge parameters).
    /// </summary>
    internal static class NativeRequest
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        /// <param name="clientSecret">The app client's secret, for SECRET_HASH; not sent to the service.</param>
        /// <param name="device">A remembered device's group key and password, for DEVICE_SRP_AUTH; not sent either.</param>
        /// <param name="challengeParameters">The answered challenge's parameters, whose SECRET_BLOCK finds the SRP exchange to sign; not sent.</param>
        public static byte[] Create(string operation, ClientSettings client, Dictionary<string, object> input,
            string clientSecret = null, DeviceSecret device = null, Dictionary<string, string> challengeParameters = null) =>
            JsonSerializer.SerializeToUtf8Bytes(
                new Envelope
                {
                    Operation = operation, Client = client, Input = input, ClientSecret = clientSecret, Device = device,
                    ChallengeParameters = challengeParameters,
                }, Options);

        /// <summary>A building-block operation of the native core: no client, no service call.</summary>
        public static byte[] Local(string operation, Dictionary<string, object> input) =>
            JsonSerializer.SerializeToUtf8Bytes(new Envelope { Operation = operation, Input = input }, Options);

        private sealed class Envelope
        {
            [JsonPropertyName("operation")] public string Operation { get; set; }
            [JsonPropertyName("client")] public ClientSettings Client { get; set; }
            [JsonPropertyName("input")] public Dictionary<string, object> Input { get; set; }
            [JsonPropertyName("clientSecret")] public string ClientSecret { get; set; }
            [JsonPropertyName("device")] public DeviceSecret Device { get; set; }
            [JsonPropertyName("challengeParameters")] public Dictionary<string, string> ChallengeParameters { get; set; }
        }

        internal sealed class DeviceSecret
        {
            [JsonPropertyName("groupKey")] public string GroupKey { get; set; }
            [JsonPropertyName("password")] public string Password { get; set; }
        }
    }
}
