using System.Text.Json.Serialization;

namespace CognitoAdminAuth.Common
{
    /// <summary>The "client" member of a native request: what the Rust core needs to build its client.</summary>
    internal sealed class ClientSettings
    {
        [JsonPropertyName("region")] public string Region { get; set; }
        [JsonPropertyName("endpointUrl")] public string EndpointUrl { get; set; }
        [JsonPropertyName("credentials")] public Keys Credentials { get; set; }
        [JsonPropertyName("connectTimeoutMs")] public long? ConnectTimeoutMs { get; set; }
        [JsonPropertyName("timeoutMs")] public long? TimeoutMs { get; set; }
        [JsonPropertyName("readWriteTimeoutMs")] public long? ReadWriteTimeoutMs { get; set; }
        [JsonPropertyName("maxAttempts")] public int? MaxAttempts { get; set; }
        [JsonPropertyName("retryMode")] public string RetryMode { get; set; }
        [JsonPropertyName("instanceMetadataDisabled")] public bool InstanceMetadataDisabled { get; set; }

        internal sealed class Keys
        {
            [JsonPropertyName("accessKeyId")] public string AccessKeyId { get; set; }
            [JsonPropertyName("secretAccessKey")] public string SecretAccessKey { get; set; }
            [JsonPropertyName("sessionToken")] public string SessionToken { get; set; }
        }
    }
}
