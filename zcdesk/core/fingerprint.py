"""The application's fingerprint printed on the forms, so paper can be matched to a bundle."""

from __future__ import annotations

import hashlib
import json

from zcdesk.core.manifest import snapshot_to_manifest
from zcdesk.core.snapshot import BundleSnapshot


def fingerprint(bundle: BundleSnapshot) -> str:
    """First 16 hex digits of the SHA-256 of the manifest's `application` part (canonical JSON)."""
    application = snapshot_to_manifest(bundle)["application"]
    canonical = json.dumps(application, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def fingerprint_text(bundle: BundleSnapshot) -> str:
    """What the QR code encodes: fingerprint, name and channel number (spec/forms.md)."""
    from zcdesk.core.policy import load_policy

    channel = load_policy(bundle.policy_year).channel(bundle.application.channel)
    return f"{fingerprint(bundle)} {bundle.application.applicant.name} 通道{channel.no}"
