import { BIZ_TYPE, MAINLAND_ID_CARD } from "./constants";
import { type PicFile, type Qualification } from "./schema";
import { normalizeQualification } from "./rules";

type WirePic = { media_id: string; pay_media_id: string };

/** The JSON body of POST /shop/wxpay/apply (WeChat's "Submit payment qualifications" document), before the sensitive fields are encrypted. */
export type ApplyPayload = {
  organization_type: string;
  business_license_info: { wxa_business_license_copy?: WirePic; legal_person: string; business_time?: string };
  id_doc_type: string;
  id_card_info?: {
    wxa_id_card_copy: WirePic;
    wxa_id_card_national: WirePic;
    id_card_name: string;
    id_card_number: string;
    id_card_valid_time_begin: string;
    id_card_valid_time: string;
    id_card_address?: string;
  };
  id_doc_info?: {
    wxa_id_doc_copy: WirePic;
    wxa_id_doc_copy_back: WirePic;
    id_doc_name: string;
    id_doc_number: string;
    doc_period_begin: string;
    doc_period_end: string;
    id_doc_address?: string;
  };
  contact_info: {
    contact_type: string;
    contact_email: string;
    mobile_phone: string;
    contact_id_doc_type?: string;
    wxa_contact_id_doc_copy?: WirePic;
    wxa_contact_id_doc_copy_back?: WirePic;
    contact_id_doc_period_begin?: string;
    contact_id_doc_period_end?: string;
    wxa_business_authorization_letter?: WirePic;
  };
  account_info: {
    bank_account_type: string;
    account_bank: string;
    account_name: string;
    bank_address_code: string;
    bank_branch_id?: string;
    bank_name?: string;
    account_number: string;
    account_cert_info?: { wxa_settlement_cert_pic: WirePic; wxa_relation_cert_pic: WirePic; wxa_other_cert_pics: WirePic[] };
  };
  qualifications?: { pic_file_list: WirePic[] };
  business_addition_pics?: { pic_file_list: WirePic[] };
  business_addition_desc?: string;
  merchant_shortname: string;
  biz_type: 1;
};

const pic = (p: PicFile): WirePic => ({ media_id: p.media_id, pay_media_id: p.pay_media_id });
const picOpt = (p: PicFile | undefined) => (p ? pic(p) : undefined);

/** Drops keys whose value is undefined, so absent branches are absent on the wire, not null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The exact wire body for a stored (validated) application: biz_type 1, business_time as the JSON
 * string WeChat expects ("[\"2014-01-01\",\"长期\"]"), and only the branches the choices call for.
 */
export function toApplyPayload(application: Qualification): ApplyPayload {
  const q = normalizeQualification(application) as Qualification;
  const license = q.business_license_info;
  const contact = q.contact_info;
  const account = q.account_info;
  const agent = contact.contact_type === "66";
  const card = q.id_doc_type === MAINLAND_ID_CARD ? q.id_card_info : undefined;
  const doc = q.id_doc_type !== MAINLAND_ID_CARD ? q.id_doc_info : undefined;

  return compact({
    organization_type: String(q.organization_type),
    business_license_info: compact({
      wxa_business_license_copy: picOpt(license.wxa_business_license_copy),
      legal_person: license.legal_person,
      business_time: license.business_time ? JSON.stringify(license.business_time) : undefined,
    }),
    id_doc_type: q.id_doc_type,
    id_card_info: card
      ? compact({
          wxa_id_card_copy: pic(card.wxa_id_card_copy),
          wxa_id_card_national: pic(card.wxa_id_card_national),
          id_card_name: card.id_card_name,
          id_card_number: card.id_card_number,
          id_card_valid_time_begin: card.id_card_valid_time_begin,
          id_card_valid_time: card.id_card_valid_time,
          id_card_address: card.id_card_address,
        })
      : undefined,
    id_doc_info: doc
      ? compact({
          wxa_id_doc_copy: pic(doc.wxa_id_doc_copy),
          wxa_id_doc_copy_back: pic(doc.wxa_id_doc_copy_back),
          id_doc_name: doc.id_doc_name,
          id_doc_number: doc.id_doc_number,
          doc_period_begin: doc.doc_period_begin,
          doc_period_end: doc.doc_period_end,
          id_doc_address: doc.id_doc_address,
        })
      : undefined,
    contact_info: compact({
      contact_type: contact.contact_type,
      contact_email: contact.contact_email,
      mobile_phone: contact.mobile_phone,
      // Required under the new protocol with one fixed value, whoever the super administrator is (ContactInfo in WeChat's apply document).
      contact_id_doc_type: MAINLAND_ID_CARD,
      wxa_contact_id_doc_copy: agent ? picOpt(contact.wxa_contact_id_doc_copy) : undefined,
      wxa_contact_id_doc_copy_back: agent ? picOpt(contact.wxa_contact_id_doc_copy_back) : undefined,
      contact_id_doc_period_begin: agent ? contact.contact_id_doc_period_begin : undefined,
      contact_id_doc_period_end: agent ? contact.contact_id_doc_period_end : undefined,
      wxa_business_authorization_letter: agent ? picOpt(contact.wxa_business_authorization_letter) : undefined,
    }),
    account_info: compact({
      bank_account_type: account.bank_account_type,
      account_bank: account.account_bank,
      account_name: account.account_name,
      bank_address_code: account.bank_address_code,
      bank_branch_id: account.bank_branch_id,
      bank_name: account.bank_name,
      account_number: account.account_number,
      account_cert_info: account.account_cert_info
        ? {
            wxa_settlement_cert_pic: pic(account.account_cert_info.wxa_settlement_cert_pic),
            wxa_relation_cert_pic: pic(account.account_cert_info.wxa_relation_cert_pic),
            wxa_other_cert_pics: account.account_cert_info.wxa_other_cert_pics.map(pic),
          }
        : undefined,
    }),
    qualifications: q.qualifications ? { pic_file_list: q.qualifications.pic_file_list.map(pic) } : undefined,
    business_addition_pics: q.business_addition_pics ? { pic_file_list: q.business_addition_pics.pic_file_list.map(pic) } : undefined,
    business_addition_desc: q.business_addition_desc,
    merchant_shortname: q.merchant_shortname,
    biz_type: BIZ_TYPE as 1,
  });
}
