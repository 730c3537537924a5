//! The client's address: the connection's peer, or, behind a trusted reverse proxy, the last
//! address in `X-Forwarded-For` that is not one of the trusted proxies.

use actix_web::HttpRequest;
use std::net::IpAddr;

pub fn client_address(req: &HttpRequest, trusted: &[IpAddr]) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    if !peer.is_some_and(|p| trusted.contains(&p)) {
        return peer.map(|p| p.to_string()).unwrap_or_default();
    }
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    forwarded
        .split(',')
        .rev()
        .map(str::trim)
        .filter_map(|a| a.parse::<IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .or(peer)
        .map(|a| a.to_string())
        .unwrap_or_default()
}

/// Parses `FRONTLINE_TRUSTED_PROXIES`: comma-separated IP addresses.
pub fn parse_trusted(list: &str) -> Result<Vec<IpAddr>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| a.parse().map_err(|_| format!("'{a}' is not an IP address")))
        .collect()
}
