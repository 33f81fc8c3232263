using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.History
{
    /// <summary>
    /// The copies $AWSHistory keeps: members the API model marks sensitive are left out unless the user
    /// asked for them (Set-AWSHistoryConfiguration -IncludeSensitiveData).
    /// </summary>
    internal static class Redaction
    {
        private static readonly HashSet<string> SensitiveRequestMembers = new HashSet<string>
        {
            "ClientId", "AuthParameters", "ChallengeResponses", "Session", "AccessToken", "UserCode", "RefreshToken", "ClientSecret", "Token",
        };

        /// <summary>The answer without its tokens and Session, for the response copy history keeps.</summary>
        public static AuthResponse Response(AuthResponse answer) => new AuthResponse
        {
            ChallengeName = answer.ChallengeName,
            ChallengeParameters = answer.ChallengeParameters,
            AuthenticationResult = Result(answer.AuthenticationResult),
            AvailableChallenges = answer.AvailableChallenges,
            ResponseMetadata = answer.ResponseMetadata,
            HttpStatusCode = answer.HttpStatusCode,
        };

        /// <summary>The TOTP secret and the Session left out.</summary>
        public static AssociateSoftwareTokenResponse Response(AssociateSoftwareTokenResponse answer) => new AssociateSoftwareTokenResponse
        {
            ResponseMetadata = answer.ResponseMetadata,
            HttpStatusCode = answer.HttpStatusCode,
        };

        public static VerifySoftwareTokenResponse Response(VerifySoftwareTokenResponse answer) => new VerifySoftwareTokenResponse
        {
            Status = answer.Status,
            ResponseMetadata = answer.ResponseMetadata,
            HttpStatusCode = answer.HttpStatusCode,
        };

        public static GetTokensFromRefreshTokenResponse Response(GetTokensFromRefreshTokenResponse answer) => new GetTokensFromRefreshTokenResponse
        {
            AuthenticationResult = Result(answer.AuthenticationResult),
            ResponseMetadata = answer.ResponseMetadata,
            HttpStatusCode = answer.HttpStatusCode,
        };

        /// <summary>Nothing secret in it.</summary>
        public static EmptyResponse Response(EmptyResponse answer) => answer;

        private static AuthenticationResult Result(AuthenticationResult result) => result == null ? null : new AuthenticationResult
        {
            ExpiresIn = result.ExpiresIn,
            TokenType = result.TokenType,
            NewDeviceMetadata = result.NewDeviceMetadata,
        };

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
