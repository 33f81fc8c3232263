using System;

namespace Amazon.CognitoIdentityProvider
{
    /// <summary>
    /// Stand-in for the SDK's client settings that AWS.Tools users pass as -ClientConfig (an object, or a
    /// hashtable that PowerShell converts through these property names). Only what the native client honours is
    /// offered; the module reads these members by name, from this type or the SDK's.
    /// </summary>
    public class AmazonCognitoIdentityProviderConfig
    {
        /// <summary>Endpoint URL to call instead of the regional one (as -EndpointUrl, which wins).</summary>
        public string ServiceURL { get; set; }
        /// <summary>Region as a system name (e.g. 'eu-west-1') or an object with a SystemName property.</summary>
        public object RegionEndpoint { get; set; }
        /// <summary>Region used for signing when ServiceURL is set.</summary>
        public string AuthenticationRegion { get; set; }
        /// <summary>Limit for the whole call, retries included.</summary>
        public TimeSpan? Timeout { get; set; }
        /// <summary>Limit for each read from the connection.</summary>
        public TimeSpan? ReadWriteTimeout { get; set; }
        /// <summary>Limit for establishing a connection.</summary>
        public TimeSpan? ConnectTimeout { get; set; }
        /// <summary>Retries after the first attempt (the .NET SDK's meaning; attempts = retries + 1).</summary>
        public int? MaxErrorRetry { get; set; }
        /// <summary>Standard, Adaptive or Legacy (treated as Standard).</summary>
        public string RetryMode { get; set; }
    }
}
