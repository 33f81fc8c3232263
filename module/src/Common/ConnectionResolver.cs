using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.Common
{
    /// <summary>What the common parameters said; the resolver reads nothing else from the cmdlet.</summary>
    internal sealed class ConnectionArguments
    {
        public string AccessKey, SecretKey, SessionToken, ProfileName, ProfileLocation, EndpointUrl;
        public object Credential, Region;
        /// <summary>The SDK's AmazonCognitoIdentityProviderConfig (or the stand-in), read by member name.</summary>
        public object ClientConfig;

        /// <summary>The same parameter values: strings and regions alike, credentials and configs the very same instances.</summary>
        public bool SameAs(ConnectionArguments other) =>
            AccessKey == other.AccessKey && SecretKey == other.SecretKey && SessionToken == other.SessionToken &&
            ProfileName == other.ProfileName && ProfileLocation == other.ProfileLocation && EndpointUrl == other.EndpointUrl &&
            Equals(Region, other.Region) && ReferenceEquals(Credential, other.Credential) && ReferenceEquals(ClientConfig, other.ClientConfig);
    }

    /// <summary>
    /// Credentials, region and endpoint in AWS.Tools' order (spec §4), producing the native client
    /// settings and, for -Debug, where each came from (never the values of secrets). The steps that need
    /// the SDK (profiles of every kind, the chain's tail, the region from profiles or instance metadata)
    /// are named here and decided by the native core's ResolveConnection, once per distinct input.
    /// </summary>
    internal sealed class ConnectionResolver
    {
        public const string NoCredentials = "No credentials specified or obtained from persisted/shell defaults.";
        public const string NoRegion = "No region specified or obtained from persisted/shell defaults.";

        private readonly ConnectionArguments _args;
        private readonly SessionState _session;
        private readonly Dictionary<string, string> _env;

        public ConnectionResolver(ConnectionArguments args, SessionState session, Dictionary<string, string> env)
        {
            _args = args;
            _session = session;
            _env = env;
        }

        public List<string> DebugMessages { get; } = new List<string>();

        /// <summary>Where requests go, for -Verbose: the endpoint if one is set, else the region.</summary>
        public string Target { get; private set; }

        private string Env(string name) => _env.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

        /// <summary>The local steps: keys the cmdlet, the shell or the environment hold, else the profile to use.</summary>
        private string FindCredentials(ClientSettings settings)
        {
            // -NetworkCredential only ever serves SAML role profiles in AWS.Tools, which this module does not
            // read; like AWS.Tools with a non-SAML profile, it has no effect otherwise.
            if (!string.IsNullOrEmpty(_args.AccessKey) && !string.IsNullOrEmpty(_args.SecretKey))
                return Use(settings, new ResolvedCredentials(_args.AccessKey, _args.SecretKey, NullIfEmpty(_args.SessionToken), "the supplied key parameters"));
            if (!string.IsNullOrEmpty(_args.ProfileName))
            {
                // A named profile that does not exist stops the chain, as in AWS.Tools (the native core says so).
                settings.CredentialsProfile = _args.ProfileName;
                return null;
            }
            if (_args.Credential != null)
                return Use(settings, ResolvedCredentials.FromObject(_args.Credential, "supplied credentials object")
                       ?? throw new ArgumentException("The -Credential object carries no access key and secret key.", "Credential"));
            var stored = ResolvedCredentials.FromObject(_session?.PSVariable.GetValue("StoredAWSCredentials"), "shell variable $StoredAWSCredentials");
            if (stored != null) return Use(settings, stored);
            if (Env("AWS_ACCESS_KEY_ID") is string envAccess && Env("AWS_SECRET_ACCESS_KEY") is string envSecret)
                return Use(settings, new ResolvedCredentials(envAccess, envSecret, Env("AWS_SESSION_TOKEN"), "Environment"));
            // AWS_PROFILE names the profile; else the native core tries 'default', 'AWS PS Default', then the tail.
            settings.CredentialsProfile = Env("AWS_PROFILE");
            return null;
        }

        private static string Use(ClientSettings settings, ResolvedCredentials creds)
        {
            settings.Credentials = new StaticCredentials { AccessKeyId = creds.AccessKey, SecretAccessKey = creds.SecretKey, SessionToken = creds.SessionToken };
            return creds.Source;
        }

        /// <summary>The local region steps; null leaves the profile, AWS_REGION and instance-metadata steps to the native core.</summary>
        private (string Region, string Source) FindRegion()
        {
            if (_args.Region != null)
                return (RegionName(_args.Region) ?? throw new ArgumentException(
                    "Unsupported parameter type; Region must be a string containing the system name for a region, or an AWSRegion instance"), "region parameter");
            // A -ClientConfig region beats every step but -Region, so the later steps need not be tried.
            var config = _args.ClientConfig;
            if ((RegionName(Member(config, "RegionEndpoint")) ?? NullIfEmpty(Member(config, "AuthenticationRegion") as string)) is string configRegion)
                return (configRegion, "region parameter");
            if (RegionName(_session?.PSVariable.GetValue("StoredAWSRegion")) is string stored && stored.Length > 0)
                return (stored, "shell variable $StoredAWSRegion");
            return (null, null);
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

        /// <param name="resolveNative">
        /// The native core's ResolveConnection for these settings (cached by the caller); throws
        /// InvalidOperationException when no step gives credentials or a region, credentials first.
        /// </param>
        public ClientSettings Resolve(Func<ClientSettings, Resolution> resolveNative)
        {
            var config = _args.ClientConfig;
            var settings = new ClientSettings
            {
                Environment = _env,
                ProfileLocation = NullIfEmpty(_args.ProfileLocation),
                RegionProfile = NullIfEmpty(_args.ProfileName),
                TimeoutMs = Millis(Member(config, "Timeout") as TimeSpan?),
                ReadWriteTimeoutMs = Millis(Member(config, "ReadWriteTimeout") as TimeSpan?),
                ConnectTimeoutMs = Millis(Member(config, "ConnectTimeout") as TimeSpan?),
                MaxAttempts = Member(config, "MaxErrorRetry") is int retries ? retries + 1 : (int?)null,
                RetryMode = NullIfEmpty(Member(config, "RetryMode")?.ToString())?.ToLowerInvariant(),
            };
            var credentialsSource = FindCredentials(settings);
            var (region, regionSource) = FindRegion();
            settings.Region = region;
            if (credentialsSource == null || region == null)
            {
                var resolution = resolveNative(settings);
                credentialsSource = credentialsSource ?? resolution.CredentialsSource;
                settings.CredentialsProfile = resolution.CredentialsProfile ?? settings.CredentialsProfile;
                settings.ProfileStamp = resolution.ProfileStamp;
                if (region == null) (region, regionSource) = (resolution.Region, resolution.RegionSource);
                settings.Region = region;
            }
            DebugMessages.Add($"Credentials obtained from {credentialsSource}");
            DebugMessages.Add($"Region obtained from {regionSource} with value '{region}'");
            settings.EndpointUrl = NullIfEmpty(_args.EndpointUrl) ?? NullIfEmpty(Member(config, "ServiceURL") as string);
            Target = settings.EndpointUrl != null ? $"on endpoint '{settings.EndpointUrl}'" : $"in region '{settings.Region}'";
            return settings;
        }

        /// <summary>
        /// A -ClientConfig member by name: the SDK's config and the stand-in share the names, not the types (and a
        /// session whose Cognito assembly has no config class binds the hashtable as it is).
        /// </summary>
        private static object Member(object config, string name)
        {
            var o = config is PSObject ps ? ps.BaseObject : config;
            return o is IDictionary map ? map[name] : o?.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(o);
        }

        private static long? Millis(TimeSpan? t) => t.HasValue ? (long)t.Value.TotalMilliseconds : (long?)null;
        private static string NullIfEmpty(string s) => string.IsNullOrEmpty(s) ? null : s;
    }
}
