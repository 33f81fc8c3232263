using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using Amazon.Runtime;
using Wire = CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Turns the native core's answer into the AWS.Tools response types: the generated reader makes one
    /// forward pass over the native buffer (no document, no managed copy of the bytes), and its strings are
    /// handed on as they are, so the tokens live only in the result.
    /// </summary>
    internal static class ResponseReader
    {
        public static T Read<T>(ReadOnlySpan<byte> json) where T : AmazonWebServiceResponse, IAuthResponse, new()
        {
            var wire = Wire.AuthResponse.Read(json);
            return new T
            {
                ChallengeName = wire.ChallengeName == null ? null : ChallengeNameType.FindValue(wire.ChallengeName),
                Session = wire.Session,
                ChallengeParameters = wire.ChallengeParameters,
                AuthenticationResult = AuthenticationResult(wire.AuthenticationResult),
                AvailableChallenges = wire.AvailableChallenges,
                HttpStatusCode = (HttpStatusCode)(wire.HttpStatusCode ?? 200),
                ResponseMetadata = new ResponseMetadata { RequestId = wire.ResponseMetadata?.RequestId },
            };
        }

        private static AuthenticationResultType AuthenticationResult(Wire.AuthenticationResult a) => a == null ? null : new AuthenticationResultType
        {
            AccessToken = a.AccessToken,
            ExpiresIn = a.ExpiresIn,
            IdToken = a.IdToken,
            RefreshToken = a.RefreshToken,
            TokenType = a.TokenType,
            NewDeviceMetadata = a.NewDeviceMetadata == null ? null : new NewDeviceMetadataType
            {
                DeviceKey = a.NewDeviceMetadata.DeviceKey,
                DeviceGroupKey = a.NewDeviceMetadata.DeviceGroupKey,
            },
        };
    }
}
