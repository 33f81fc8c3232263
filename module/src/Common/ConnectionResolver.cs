using System;
using System.Collections.Generic;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider;

namespace CognitoAdminAuth.Common
{
    /// <summary>What the common parameters said; the resolver reads nothing else from the cmdlet.</summary>
    internal sealed class ConnectionArguments
    {
        public string AccessKey, SecretKey, SessionToken, ProfileName, ProfileLocation, EndpointUrl;
        public object Credential, Region;
        public AmazonCognitoIdentityProviderConfig ClientConfig;
    }

    /// <summary>
    /// Credentials, region and endpoint in AWS.Tools' order (spec §4), producing the native client
    /// settings and, for -Debug, where each came from (never the values of secrets).
    /// </summary>
    internal sealed class ConnectionResolver
    {
        public const string NoCredentials = "No credentials specified or obtained from persisted/shell defaults.";
        public const string NoRegion = "No region specified or obtained from persisted/shell defaults.";
        private const string LegacyDefaultProfile = "AWS PS Default";

        private readonly ConnectionArguments _args;
        private readonly SessionState _session;
        private readonly Func<string, string> _env;
        private ProfileStore _profiles;

        public ConnectionResolver(ConnectionArguments args, SessionState session, Func<string, string> env = null)
        {
            _args = args;
            _session = session;
            _env = env ?? Environment.GetEnvironmentVariable;
        }

        public List<string> DebugMessages { get; } = new List<string>();

        /// <summary>Where requests go, for -Verbose: the endpoint if one is set, else the region.</summary>
        public string Target { get; private set; }

        private ProfileStore Profiles => _profiles ?? (_profiles = new ProfileStore(_args.ProfileLocation));

        /// <summary>
        /// Null credentials mean "let the native core try container and instance-metadata credentials",
        /// the last steps of the chain, which need network access and so are not done here.
        /// </summary>
        public ResolvedCredentials ResolveCredentials()
        {
            var creds = FindCredentials();
            DebugMessages.Add(creds != null
                ? $"Credentials obtained from {creds.Source}"
                : "No credentials in parameters, shell variables, environment or profiles; trying container and instance-profile credentials");
            return creds;
        }

        private ResolvedCredentials FindCredentials()
        {
            // -NetworkCredential only ever serves SAML role profiles in AWS.Tools, which this module does not
            // read; like AWS.Tools with a non-SAML profile, it has no effect otherwise.
            if (!string.IsNullOrEmpty(_args.AccessKey) && !string.IsNullOrEmpty(_args.SecretKey))
                return new ResolvedCredentials(_args.AccessKey, _args.SecretKey, NullIfEmpty(_args.SessionToken), "the supplied key parameters");
            if (!string.IsNullOrEmpty(_args.ProfileName))
            {
                // A named profile that does not exist stops the chain, as in AWS.Tools.
                return FromProfile(_args.ProfileName) ?? throw new InvalidOperationException(NoCredentials);
            }
            if (_args.Credential != null)
                return ResolvedCredentials.FromObject(_args.Credential, "supplied credentials object")
                       ?? throw new ArgumentException("The -Credential object carries no access key and secret key.", "Credential");
            var stored = ResolvedCredentials.FromObject(_session?.PSVariable.GetValue("StoredAWSCredentials"), "shell variable $StoredAWSCredentials");
            if (stored != null) return stored;
            var envAccess = _env("AWS_ACCESS_KEY_ID");
            var envSecret = _env("AWS_SECRET_ACCESS_KEY");
            if (!string.IsNullOrEmpty(envAccess) && !string.IsNullOrEmpty(envSecret))
                return new ResolvedCredentials(envAccess, envSecret, NullIfEmpty(_env("AWS_SESSION_TOKEN")), "Environment");
            var envProfile = _env("AWS_PROFILE");
            if (!string.IsNullOrEmpty(envProfile))
                return FromProfile(envProfile) ?? throw new InvalidOperationException(NoCredentials);
            return FromProfile("default") ?? FromProfile(LegacyDefaultProfile);
        }

        private ResolvedCredentials FromProfile(string name)
        {
            var p = Profiles.Find(name);
            if (p == null || !p.TryGetValue("aws_access_key_id", out var access) || !p.TryGetValue("aws_secret_access_key", out var secret)
                || string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret))
                return null;
            p.TryGetValue("aws_session_token", out var token);
            return new ResolvedCredentials(access, secret, NullIfEmpty(token), $"stored profile named '{name}'");
        }

        public string ResolveRegion()
        {
            string region = null, source = null;
            if (_args.Region != null)
            {
                region = RegionName(_args.Region) ?? throw new ArgumentException(
                    "Unsupported parameter type; Region must be a string containing the system name for a region, or an AWSRegion instance");
                source = "region parameter";
            }
            else if (RegionName(_session?.PSVariable.GetValue("StoredAWSRegion")) is string stored && stored.Length > 0)
            {
                region = stored; source = "shell variable $StoredAWSRegion";
            }
            else if (ProfileRegion() is string profileRegion)
            {
                region = profileRegion; source = "stored region";
            }
            else if (!string.IsNullOrEmpty(_env("AWS_REGION")))
            {
                region = _env("AWS_REGION"); source = "Environment";
            }
            var config = _args.ClientConfig;
            var configRegion = RegionName(config?.RegionEndpoint) ?? NullIfEmpty(config?.AuthenticationRegion);
            if (source != "region parameter" && configRegion != null)
            {
                region = configRegion; source = "region parameter";
            }
            if (string.IsNullOrEmpty(region)) throw new InvalidOperationException(NoRegion);
            DebugMessages.Add($"Region obtained from {source} with value '{region}'");
            return region;
        }

        private string ProfileRegion()
        {
            var name = !string.IsNullOrEmpty(_args.ProfileName) ? _args.ProfileName : "default";
            foreach (var candidate in new[] { name, LegacyDefaultProfile })
                if (Profiles.Find(candidate) is IReadOnlyDictionary<string, string> p && p.TryGetValue("region", out var r) && !string.IsNullOrEmpty(r))
                    return r;
            return null;
        }

        /// <summary>A region given as a string or as an object with SystemName (AWSRegion, RegionEndpoint).</summary>
        private static string RegionName(object value)
        {
            var o = value is PSObject ps ? ps.BaseObject : value;
            switch (o)
            {
                case null: return null;
                case string s: return s.Trim();
                default:
                    var p = o.GetType().GetProperty("SystemName") ?? o.GetType().GetProperty("Region");
                    return p?.GetValue(o) is object v ? RegionName(v) : null;
            }
        }

        /// <param name="checkFallbackCredentials">
        /// Asks the native core whether container or instance-metadata credentials exist (network access, so
        /// not done here); throws InvalidOperationException when they do not. Called only when nothing
        /// local gave credentials, and before the region, as AWS.Tools orders the two.
        /// </param>
        public ClientSettings Resolve(Action<ClientSettings> checkFallbackCredentials)
        {
            var creds = ResolveCredentials();
            var config = _args.ClientConfig;
            var settings = new ClientSettings
            {
                Credentials = creds == null ? null : new ClientSettings.Keys
                {
                    AccessKeyId = creds.AccessKey, SecretAccessKey = creds.SecretKey, SessionToken = creds.SessionToken,
                },
                // The native side cannot see environment changes made by a script (.NET keeps them to itself).
                InstanceMetadataDisabled = string.Equals(_env("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase),
                TimeoutMs = Millis(config?.Timeout),
                ReadWriteTimeoutMs = Millis(config?.ReadWriteTimeout),
                ConnectTimeoutMs = Millis(config?.ConnectTimeout),
                MaxAttempts = config?.MaxErrorRetry is int retries ? retries + 1 : (int?)null,
                RetryMode = NullIfEmpty(config?.RetryMode)?.ToLowerInvariant(),
            };
            if (creds == null) checkFallbackCredentials(settings);
            settings.Region = ResolveRegion();
            settings.EndpointUrl = NullIfEmpty(_args.EndpointUrl) ?? NullIfEmpty(config?.ServiceURL);
            Target = settings.EndpointUrl != null ? $"on endpoint '{settings.EndpointUrl}'" : $"in region '{settings.Region}'";
            return settings;
        }

        private static long? Millis(TimeSpan? t) => t.HasValue ? (long)t.Value.TotalMilliseconds : (long?)null;
        private static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
