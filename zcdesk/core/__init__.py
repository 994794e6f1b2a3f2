"""The domain core: snapshots, policy, store, rules and services. No Qt, no reportlab."""
