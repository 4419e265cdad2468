// Passkeys (WebAuthn): the browser half of the two ceremonies. Loaded only on
// the pages that offer passkeys; every form it drives carries
// data-passkey="register" (account page) or "authenticate" (second step of
// the sign-in) and stays hidden unless this script runs in a browser that
// supports WebAuthn — the TOTP and recovery-code forms work without it.
// Flow: POST the form's data-options URL for options (server-side challenge),
// call navigator.credentials, POST the result as JSON to the form's action,
// then follow the `redirect` the server answers. The session's CSRF token
// travels in the x-csrf-token header; nothing here talks to another origin.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch) return;

  function toBytes(b64url) {
    var s = b64url.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function postJson(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.json().then(
        function (json) {
          return { ok: res.ok, body: json };
        },
        function () {
          return { ok: false, body: {} };
        },
      );
    });
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: 'public-key', id: toBytes(c.id), transports: c.transports };
    });
  }

  function createOptions(o) {
    return {
      rp: o.rp,
      user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
      challenge: toBytes(o.challenge),
      pubKeyCredParams: o.pubKeyCredParams,
      timeout: o.timeout,
      excludeCredentials: descriptors(o.excludeCredentials),
      authenticatorSelection: o.authenticatorSelection,
      attestation: o.attestation,
      extensions: o.extensions,
    };
  }

  function requestOptions(o) {
    return {
      challenge: toBytes(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      allowCredentials: descriptors(o.allowCredentials),
      userVerification: o.userVerification,
    };
  }

  function registrationJson(cred) {
    var r = cred.response;
    var ext = cred.getClientExtensionResults ? cred.getClientExtensionResults() : {};
    var json = {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      response: {
        clientDataJSON: toB64url(r.clientDataJSON),
        attestationObject: toB64url(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : [],
      },
      // Only what the server asked for (credProps); anything else is refused there.
      clientExtensionResults: ext && ext.credProps ? { credProps: { rk: !!ext.credProps.rk } } : {},
    };
    if (cred.authenticatorAttachment) json.authenticatorAttachment = cred.authenticatorAttachment;
    return json;
  }

  function assertionJson(cred) {
    var r = cred.response;
    var json = {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      response: {
        clientDataJSON: toB64url(r.clientDataJSON),
        authenticatorData: toB64url(r.authenticatorData),
        signature: toB64url(r.signature),
      },
      clientExtensionResults: {},
    };
    if (r.userHandle && r.userHandle.byteLength) json.response.userHandle = toB64url(r.userHandle);
    if (cred.authenticatorAttachment) json.authenticatorAttachment = cred.authenticatorAttachment;
    return json;
  }

  function field(form, name) {
    var el = form.querySelector('[name="' + name + '"]');
    return el ? el.value : '';
  }

  function enhance(form) {
    var kind = form.getAttribute('data-passkey');
    var status = form.querySelector('.passkey-status');
    var button = form.querySelector('button[type="submit"]');
    var say = function (key) {
      if (status)
        status.textContent = key
          ? form.getAttribute('data-msg-' + key) || form.getAttribute('data-msg-failed') || ''
          : '';
    };
    form.hidden = false;
    var fallback = form.parentNode && form.parentNode.querySelector('[data-passkey-fallback]');
    if (fallback) fallback.hidden = true;

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var csrf = field(form, '_csrf');
      if (button) button.disabled = true;
      say('working');
      postJson(form.getAttribute('data-options'), csrf, {})
        .then(function (opt) {
          if (!opt.ok) throw opt.body;
          return kind === 'register'
            ? navigator.credentials.create({ publicKey: createOptions(opt.body) }).then(function (cred) {
                return postJson(form.action, csrf, { name: field(form, 'name'), credential: registrationJson(cred) });
              })
            : navigator.credentials.get({ publicKey: requestOptions(opt.body) }).then(function (cred) {
                var body = { credential: assertionJson(cred) };
                var next = field(form, 'next');
                if (next) body.next = next;
                return postJson(form.action, csrf, body);
              });
        })
        .then(function (res) {
          if (!res.ok) throw res.body;
          window.location.assign(res.body.redirect);
        })
        .catch(function (problem) {
          // The server points elsewhere: a re-authentication is due (it leads
          // back here), a passkey must be set up first, or nothing is left to do.
          // Only a path on this site ("//host" and "/\host" would leave it).
          if (problem && typeof problem.redirect === 'string' && /^\/(?![/\\])/.test(problem.redirect)) {
            return window.location.assign(problem.redirect);
          }
          // The browser refuses a passkey for a site opened under another
          // host name than the one it belongs to (say 127.0.0.1 instead of
          // localhost): name the address that works instead of "try again".
          if (problem && problem.name === 'SecurityError') say('host');
          else say(problem && typeof problem.error === 'string' ? problem.error : 'failed');
          if (button) button.disabled = false;
        });
    });
  }

  var forms = document.querySelectorAll('form[data-passkey]');
  for (var i = 0; i < forms.length; i++) enhance(forms[i]);
})();
