using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace CognitoAdminAuth.Common
{
    /// <summary>The "client" member of a native request: what the Rust core needs to build its client.</summary>
    internal sealed class ClientSettings
    {
        [JsonPropertyName("region")] public string Region { get; set; }
        [JsonPropertyName("endpointUrl")] public string EndpointUrl { get; set; }
        [JsonPropertyName("credentials")] public Keys Credentials { get; set; }
        /// <summary>The profile the credentials come from; with neither this nor Credentials, the chain's tail.</summary>
        [JsonPropertyName("credentialsProfile")] public string CredentialsProfile { get; set; }
        [JsonPropertyName("regionProfile")] public string RegionProfile { get; set; }
        [JsonPropertyName("profileLocation")] public string ProfileLocation { get; set; }
        [JsonPropertyName("profileStamp")] public string ProfileStamp { get; set; }
        [JsonPropertyName("connectTimeoutMs")] public long? ConnectTimeoutMs { get; set; }
        [JsonPropertyName("timeoutMs")] public long? TimeoutMs { get; set; }
        [JsonPropertyName("readWriteTimeoutMs")] public long? ReadWriteTimeoutMs { get; set; }
        [JsonPropertyName("maxAttempts")] public int? MaxAttempts { get; set; }
        [JsonPropertyName("retryMode")] public string RetryMode { get; set; }
        [JsonPropertyName("environment")] public Dictionary<string, string> Environment { get; set; }

        internal sealed class Keys
        {
            [JsonPropertyName("accessKeyId")] public string AccessKeyId { get; set; }
            [JsonPropertyName("secretAccessKey")] public string SecretAccessKey { get; set; }
            [JsonPropertyName("sessionToken")] public string SessionToken { get; set; }
        }
    }

    /// <summary>The native core's answer to ResolveConnection: sources for -Debug and the settings to call with.</summary>
    internal sealed class ConnectionResolution
    {
        [JsonPropertyName("credentialsSource")] public string CredentialsSource { get; set; }
        [JsonPropertyName("credentialsProfile")] public string CredentialsProfile { get; set; }
        [JsonPropertyName("region")] public string Region { get; set; }
        [JsonPropertyName("regionSource")] public string RegionSource { get; set; }
        [JsonPropertyName("profileStamp")] public string ProfileStamp { get; set; }
    }
}
