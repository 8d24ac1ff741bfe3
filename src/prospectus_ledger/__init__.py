"""prospectus-ledger: what a fund's prospectus said at any instant."""
