using System.Collections.Generic;

namespace CognitoAdminAuth.Common
{
    /// <summary>The "client" member of a native request: what the Rust core needs to build its client.</summary>
    internal sealed class ClientSettings
    {
        public string Region { get; set; }
        public string EndpointUrl { get; set; }
        public Keys Credentials { get; set; }
        /// <summary>The profile the credentials come from; with neither this nor Credentials, the chain's tail.</summary>
        public string CredentialsProfile { get; set; }
        public string RegionProfile { get; set; }
        public string ProfileLocation { get; set; }
        public string ProfileStamp { get; set; }
        public long? ConnectTimeoutMs { get; set; }
        public long? TimeoutMs { get; set; }
        public long? ReadWriteTimeoutMs { get; set; }
        public int? MaxAttempts { get; set; }
        public string RetryMode { get; set; }
        public Dictionary<string, string> Environment { get; set; }

        internal sealed class Keys
        {
            public string AccessKeyId { get; set; }
            public string SecretAccessKey { get; set; }
            public string SessionToken { get; set; }
        }
    }

    /// <summary>The native core's answer to ResolveConnection: sources for -Debug and the settings to call with.</summary>
    internal sealed class ConnectionResolution
    {
        public static ConnectionResolution Read(byte[] json)
        {
            using (var doc = System.Text.Json.JsonDocument.Parse(json))
            {
                var r = doc.RootElement;
                return new ConnectionResolution
                {
                    CredentialsSource = Native.ResponseReader.Str(r, "credentialsSource"),
                    CredentialsProfile = Native.ResponseReader.Str(r, "credentialsProfile"),
                    Region = Native.ResponseReader.Str(r, "region"),
                    RegionSource = Native.ResponseReader.Str(r, "regionSource"),
                    ProfileStamp = Native.ResponseReader.Str(r, "profileStamp"),
                };
            }
        }

        public string CredentialsSource { get; set; }
        public string CredentialsProfile { get; set; }
        public string Region { get; set; }
        public string RegionSource { get; set; }
        public string ProfileStamp { get; set; }
    }
}
