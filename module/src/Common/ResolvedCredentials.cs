using System;
using System.Management.Automation;
using System.Reflection;

namespace CognitoAdminAuth.Common
{
    /// <summary>Keys obtained by the credential chain, with where they came from (for -Debug, never the values).</summary>
    internal sealed class ResolvedCredentials
    {
        public ResolvedCredentials(string accessKey, string secretKey, string sessionToken, string source)
        {
            AccessKey = accessKey; SecretKey = secretKey; SessionToken = sessionToken; Source = source;
        }

        public string AccessKey { get; }
        public string SecretKey { get; }
        public string SessionToken { get; }
        public string Source { get; }

        /// <summary>
        /// Reads keys off a credentials object by shape rather than type, so that AWS.Tools' own objects
        /// (AWSCredentials with GetCredentials(), the AWSPSCredentials wrapper in $StoredAWSCredentials) and
        /// plain objects with AccessKey/SecretKey properties all work.
        /// </summary>
        public static ResolvedCredentials FromObject(object value, string source)
        {
            // Keep the PSObject wrapper: a [pscustomobject]'s properties exist only there.
            var o = value is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : value;
            if (o == null) return null;
            if (o is ResolvedCredentials r) return r;
            var getCredentials = o is PSObject ? null : o.GetType().GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            if (getCredentials != null)
                return FromObject(getCredentials.Invoke(o, null), source);
            var inner = Property(o, "Credentials") ?? Property(o, "Credential");
            if (inner != null && !(inner is string))
                return FromObject(inner, source);
            var access = Property(o, "AccessKey") as string ?? Property(o, "AccessKeyId") as string;
            var secret = Property(o, "SecretKey") as string ?? Property(o, "SecretAccessKey") as string;
            if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret)) return null;
            var token = Property(o, "Token") as string ?? Property(o, "SessionToken") as string;
            return new ResolvedCredentials(access, secret, string.IsNullOrEmpty(token) ? null : token, source);
        }

        /// <summary>A property by name, including PowerShell note properties (a [pscustomobject]) and hashtable keys.</summary>
        private static object Property(object o, string name)
        {
            if (o is System.Collections.IDictionary d) return d.Contains(name) ? d[name] : null;
            var p = PSObject.AsPSObject(o).Properties[name];
            object v;
            try { v = p?.Value; }
            catch (GetValueException) { return null; }
            return v is PSObject ps ? ps.BaseObject : v;
        }
    }
}
