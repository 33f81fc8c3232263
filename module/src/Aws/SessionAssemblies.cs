using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace CognitoAdminAuth.Aws
{
    /// <summary>
    /// Where the AWS-named types of this session come from, decided once per process when the module is first
    /// imported (a script may name [Amazon.CognitoIdentityProvider.AuthFlowType] before any call): the user's AWS
    /// SDK for .NET where the user has it (already loaded, or installed with AWS.Tools on PSModulePath), the
    /// module's stand-ins only where there is none. PowerShell resolves a type name that two assemblies define to
    /// one of them, so the stand-ins are never loaded beside the real assemblies.
    /// </summary>
    internal sealed class SessionAssemblies
    {
        internal const string CoreName = "AWSSDK.Core";
        internal const string CognitoName = "AWSSDK.CognitoIdentityProvider";
        internal const string StandInOnSdkName = "CognitoAdminAuth.StandIn.CognitoOnSdk";
        private static readonly string StandIns = Path.Combine(Path.GetDirectoryName(typeof(SessionAssemblies).Assembly.Location) ?? ".", "StandIns");
        private static readonly Lazy<SessionAssemblies> Chosen = new Lazy<SessionAssemblies>(Choose);

        private SessionAssemblies(Assembly core, Assembly cognito, AwsToolsInstall install, string fallback, TimeSpan took)
        {
            Core = core; Cognito = cognito; Install = install; Fallback = fallback; LookupTime = took;
        }

        public static SessionAssemblies Current => Chosen.Value;

        /// <summary>Amazon.Runtime: AWSSDK.Core, or the module's stand-in.</summary>
        public Assembly Core { get; }
        /// <summary>Amazon.CognitoIdentityProvider: AWSSDK.CognitoIdentityProvider, or a stand-in built on <see cref="Core"/>.</summary>
        public Assembly Cognito { get; }
        /// <summary>The AWS.Tools install Core was loaded from; null when Core was loaded already or is the stand-in.</summary>
        public AwsToolsInstall Install { get; }
        /// <summary>Why an installed SDK was not used (it would not load); written once as a Verbose line.</summary>
        public string Fallback { get; }
        /// <summary>What the choice cost (bench/ reports it).</summary>
        public TimeSpan LookupTime { get; }

        public Type Type(string fullName) =>
            (fullName.StartsWith("Amazon.Runtime.", StringComparison.Ordinal) ? Core : Cognito).GetType(fullName, throwOnError: true);

        private static SessionAssemblies Choose()
        {
            var clock = Stopwatch.StartNew();
            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            var core = Loaded(loaded, CoreName);
            var cognito = core == null ? null : Loaded(loaded, CognitoName);
            string fallback = null;
            AwsToolsInstall install = null;
            var psModulePath = Environment.GetEnvironmentVariable("PSModulePath");
            if (core == null && (install = AwsToolsInstall.Find(psModulePath)) != null)
            {
                core = TryLoad(install.CoreDll, "Amazon.Runtime.AmazonServiceException", ref fallback);
                if (core == null) install = null;
            }
            if (core != null && cognito == null && AwsToolsInstall.FindCognito(psModulePath, core.GetName().Version) is string cognitoDll)
                cognito = TryLoad(cognitoDll, "Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderException", ref fallback);

            if (core == null)
            {
                core = Assembly.LoadFrom(Path.Combine(StandIns, "CognitoAdminAuth.StandIn.Core.dll"));
                cognito = Assembly.LoadFrom(Path.Combine(StandIns, "CognitoAdminAuth.StandIn.Cognito.dll"));
            }
            else if (cognito == null) cognito = Assembly.LoadFrom(Path.Combine(StandIns, StandInOnSdkName + ".dll"));
            return new SessionAssemblies(core, cognito, install, fallback, clock.Elapsed);
        }

        /// <summary>A loaded assembly by simple name; by its full name's prefix, which costs far less than GetName() on each.</summary>
        private static Assembly Loaded(Assembly[] loaded, string name)
        {
            var prefix = name + ",";
            foreach (var a in loaded)
                if (a.FullName.StartsWith(prefix, StringComparison.Ordinal)) return a;
            return null;
        }

        /// <summary>An installed SDK assembly that does not load (a damaged install) leaves the choice to the stand-ins.</summary>
        private static Assembly TryLoad(string path, string probeType, ref string fallback)
        {
            try
            {
                var assembly = Assembly.LoadFrom(path);
                assembly.GetType(probeType, throwOnError: true);
                return assembly;
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                fallback = $"CognitoAdminAuth: the installed AWS SDK for .NET at '{path}' could not be loaded ({e.GetType().Name}: {e.Message}); using the module's stand-in AWS types.";
                return null;
            }
        }
    }
}
