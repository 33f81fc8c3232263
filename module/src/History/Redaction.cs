using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider.Model;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.History
{
    /// <summary>
    /// The copies $AWSHistory keeps: members the API model marks sensitive are left out unless the user
    /// asked for them (Set-AWSHistoryConfiguration -IncludeSensitiveData).
    /// </summary>
    internal static class Redaction
    {
        private static readonly HashSet<string> SensitiveRequestMembers = new HashSet<string> { "ClientId", "AuthParameters", "ChallengeResponses", "Session" };

        public static object Response(object response, bool includeSensitive)
        {
            if (includeSensitive || !(response is IAuthResponse r)) return response;
            var copy = (IAuthResponse)System.Activator.CreateInstance(response.GetType());
            copy.ChallengeName = r.ChallengeName;
            copy.ChallengeParameters = r.ChallengeParameters;
            copy.AuthenticationResult = r.AuthenticationResult == null ? null : new AuthenticationResultType
            {
                ExpiresIn = r.AuthenticationResult.ExpiresIn,
                TokenType = r.AuthenticationResult.TokenType,
                NewDeviceMetadata = r.AuthenticationResult.NewDeviceMetadata,
            };
            copy.AvailableChallenges = r.AvailableChallenges;
            var web = (Amazon.Runtime.AmazonWebServiceResponse)response;
            var webCopy = (Amazon.Runtime.AmazonWebServiceResponse)copy;
            webCopy.ResponseMetadata = web.ResponseMetadata;
            webCopy.HttpStatusCode = web.HttpStatusCode;
            return copy;
        }

        public static PSObject Request(string operation, IContractWriter input, bool includeSensitive)
        {
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("Operation", operation));
            foreach (var kv in input.Members().Where(kv => includeSensitive || !SensitiveRequestMembers.Contains(kv.Key)))
                o.Properties.Add(new PSNoteProperty(kv.Key, Copy(kv.Value)));
            return o;
        }

        /// <summary>Nested request structures as PowerShell objects of their members, as the script gave them.</summary>
        private static object Copy(object value)
        {
            switch (value)
            {
                case IContractWriter nested:
                    var o = new PSObject();
                    foreach (var kv in nested.Members()) o.Properties.Add(new PSNoteProperty(kv.Key, Copy(kv.Value)));
                    return o;
                case IEnumerable<IContractWriter> list: return list.Select(Copy).ToArray();
                default: return value;
            }
        }
    }
}
