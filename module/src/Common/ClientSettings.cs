using System;
using System.Collections.Generic;
using System.Text.Json;
using CognitoAdminAuth.Native;

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
        public static ConnectionResolution Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var r = new ConnectionResolution();
            while (ResponseReader.NextProperty(ref reader))
            {
                var name = reader.GetString();
                var value = ResponseReader.ReadString(ref reader);
                switch (name)
                {
                    case "credentialsSource": r.CredentialsSource = value; break;
                    case "credentialsProfile": r.CredentialsProfile = value; break;
                    case "region": r.Region = value; break;
                    case "regionSource": r.RegionSource = value; break;
                    case "profileStamp": r.ProfileStamp = value; break;
                }
            }
            return r;
        }

        public string CredentialsSource { get; set; }
        public string CredentialsProfile { get; set; }
        public string Region { get; set; }
        public string RegionSource { get; set; }
        public string ProfileStamp { get; set; }
    }
}
