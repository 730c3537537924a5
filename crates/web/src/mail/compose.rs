//! The wording of invitations and reminders.

use crate::store::cycles::Cycle;
use crate::store::services::Service;

pub struct Letter {
    pub subject: String,
    pub body: String,
}

pub fn invitation(cycle: &Cycle, service: &Service, contact_name: &str, link: &str) -> Letter {
    Letter {
        subject: format!("{}: please tell us about {}", cycle.title, service.name),
        body: format!(
            "{greeting}\n\n\
             {organisation} ({service}) is invited to take part in the {title}.\n\n\
             Each year we count the frontline domestic abuse practitioners in England and Wales, \
             so that commissioners can see where provision falls short. It takes about 15 minutes.\n\n\
             Answer online here:\n{link}\n\n\
             You can save your answers and come back to them, and change them after you submit, \
             until the survey closes on {closes}. If your service employs no practitioners, or has \
             closed, please tell us through the same link: that is an answer too.\n\n\
             This link is for your service only; please do not forward it outside your team.\n\n\
             Thank you,\nThe survey team\n",
            greeting = greeting(contact_name),
            organisation = service.organisation,
            service = service.name,
            title = cycle.title,
            closes = cycle.closes_on,
        ),
    }
}

pub fn reminder(cycle: &Cycle, service: &Service, contact_name: &str, link: &str) -> Letter {
    Letter {
        subject: format!("Reminder: {} closes on {}", cycle.title, cycle.closes_on),
        body: format!(
            "{greeting}\n\n\
             We have not yet had {service}'s answers to the {title}. \
             Anything you have already saved is kept.\n\n\
             Carry on here:\n{link}\n\n\
             The survey closes on {closes}. If you would rather answer by phone, reply to this \
             message and we will call you.\n\n\
             Thank you,\nThe survey team\n",
            greeting = greeting(contact_name),
            service = service.name,
            title = cycle.title,
            closes = cycle.closes_on,
        ),
    }
}

fn greeting(name: &str) -> String {
    if name.trim().is_empty() {
        "Hello,".to_string()
    } else {
        format!("Dear {},", name.trim())
    }
}

pub fn account_invitation(name: &str, office: &str, link: &str) -> Letter {
    Letter {
        subject: "Frontline: review your area's provisional figures".to_string(),
        body: format!(
            "{greeting}\n\n\
             You have been given an account on Frontline for {office}, to review the provisional \
             practitioner figures for your police force area before they are published.\n\n\
             Choose your password here (the link works once, for 7 days):\n{link}\n\n\
             Thank you,\nThe survey team\n",
            greeting = greeting(name),
        ),
    }
}
