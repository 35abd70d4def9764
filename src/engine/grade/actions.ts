/**
 * A recommended action per RF segment and per lifecycle stage, in English and Chinese: what to
 * offer, through which channel, and how often. Data only; keyed like labels.ts.
 */
import type { Lang } from "../common/types";
import { LIFECYCLE_STAGES, RF_SEGMENTS, findLabel } from "../common/labels";

export interface Action {
  en: string;
  zh: string;
}

/** Indexed like RF_SEGMENTS. */
export const SEGMENT_ACTIONS: readonly Action[] = [
  { en: "Reward them: early access, loyalty perks and referral asks; personal email or account manager, monthly; no discounts needed.", zh: "回馈为主：新品抢先购、会员权益、邀请推荐；专属客服或一对一邮件，每月一次；无需打折。" },
  { en: "Upsell higher-value products and membership tiers; ask for reviews; email every 2–4 weeks.", zh: "推荐更高价值商品和会员升级，邀请评价；每2–4周邮件触达。" },
  { en: "Offer a membership or bundle that builds the habit; personalised recommendations every 2 weeks.", zh: "推荐会员或组合套餐培养购买习惯；每两周推送个性化推荐。" },
  { en: "Onboard: welcome series, how-to content and a small second-order incentive within 30 days.", zh: "新客引导：欢迎系列、使用指南，30天内给予二次购买小额激励。" },
  { en: "Build awareness with free trials or samples and a limited-time offer; email every 2 weeks.", zh: "通过试用、赠品和限时优惠加深认知；每两周触达一次。" },
  { en: "Reactivate with limited-time offers based on past purchases; SMS or email, twice a month.", zh: "基于历史购买推送限时优惠；短信或邮件，每月两次。" },
  { en: "Share popular products and a modest discount before they lapse; one email and one SMS this month.", zh: "在流失前推送热销商品和适度折扣；本月邮件、短信各一次。" },
  { en: "Win back with personalised emails, renewal offers and a service call; act within 2 weeks.", zh: "个性化邮件、续购优惠和客服回访挽回；两周内行动。" },
  { en: "Call them or send a personal win-back offer on what they bought most; do not lose them to a competitor.", zh: "电话回访或针对其常购商品发送专属挽回优惠，防止被竞争对手争取。" },
  { en: "Low-cost reach only: include in seasonal campaigns; stop paid outreach if they do not respond.", zh: "低成本触达：纳入季节性活动；无响应则停止付费营销。" },
];

/** Indexed like LIFECYCLE_STAGES. */
export const STAGE_ACTIONS: readonly Action[] = [
  { en: "Turn interest into a first order: a first-purchase coupon and a reminder of what they looked at.", zh: "促成首单：首单优惠券，并提醒其关注过的商品。" },
  { en: "Survey why they left; one final win-back offer, then remove from paid campaigns.", zh: "调研流失原因；发送最后一次挽回优惠，之后移出付费营销名单。" },
  { en: "Wake them up with a strong, time-limited offer and news since their last visit; one or two touches.", zh: "用力度较大的限时优惠和上次购买后的新品唤醒；触达一到两次。" },
  { en: "Act now: personalised reminder and a retention offer within 2 weeks; check for service problems.", zh: "立即行动：两周内发送个性化提醒和保留优惠；排查服务问题。" },
  { en: "Welcome and guide them to a second purchase within their first 90 days.", zh: "欢迎并引导其在首购90天内完成第二次购买。" },
  { en: "Thank them for coming back; recommend what is new and keep the contact going monthly.", zh: "感谢回归；推荐新品，保持每月联系。" },
  { en: "Recognise loyalty: member tiers, exclusive offers, referral rewards.", zh: "认可忠诚：会员等级、专属优惠、推荐奖励。" },
  { en: "Keep them engaged with regular recommendations and cross-sell.", zh: "定期推荐与交叉销售，保持活跃。" },
];

/** The action for a segment or stage given by key, English or Chinese name; undefined when unknown. */
export function actionFor(name: string, lang: Lang): string | undefined {
  const segment = findLabel(RF_SEGMENTS, name);
  if (segment >= 0) return SEGMENT_ACTIONS[segment][lang];
  const stage = findLabel(LIFECYCLE_STAGES, name);
  if (stage >= 0) return STAGE_ACTIONS[stage][lang];
  return undefined;
}
