import type { Locale, Role } from '@yiqiao/domain';
import type { InstitutionKind } from '../entities';

/** Demo data for local runs (`npm start`); never loaded by tests or production. */
export const DEMO_PASSWORD = 'Yiqiao-demo-2026';

export interface DemoInstitution {
  code: string;
  name: string;
  nameZh?: string;
  kind: InstitutionKind;
  parent?: string;
  timeZone: string;
  country: string;
  allowsPatientSelfBooking?: boolean;
  departments: { code: string; name: string; nameZh: string; specialty: string; minutes?: number }[];
}

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  institution?: string;
  locale: Locale;
  timeZone: string;
  country?: string;
  spokenLanguages: string[];
  departments?: string[];
  title?: string;
  languagePairs?: [string, string][];
  specialties?: { specialty: string; certified: boolean }[];
  certification?: string;
}

const SH = 'Asia/Shanghai';

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    code: 'pudong-intl',
    name: 'Pudong International Hospital',
    nameZh: '浦东国际医院',
    kind: 'shanghai_hospital',
    timeZone: SH,
    country: 'CN',
    allowsPatientSelfBooking: true,
    departments: [
      { code: 'urology', name: 'Urology', nameZh: '泌尿外科', specialty: 'urology' },
      { code: 'oncology', name: 'Oncology', nameZh: '肿瘤科', specialty: 'oncology', minutes: 45 },
      {
        code: 'thyroid-breast',
        name: 'Thyroid & Breast Surgery',
        nameZh: '甲乳外科',
        specialty: 'thyroid_breast',
      },
      { code: 'cardiology', name: 'Cardiology', nameZh: '心内科', specialty: 'cardiology' },
      { code: 'tcm', name: 'TCM Wellness', nameZh: '中医养生', specialty: 'tcm' },
    ],
  },
  {
    code: 'minhang-clinic',
    name: 'Pudong International — Minhang Clinic',
    nameZh: '浦东国际医院闵行诊所',
    kind: 'clinic',
    parent: 'pudong-intl',
    timeZone: SH,
    country: 'CN',
    departments: [{ code: 'orthopaedics', name: 'Orthopaedics', nameZh: '骨科', specialty: 'orthopaedics' }],
  },
  {
    code: 'huashan-tertiary',
    name: 'Shanghai Huashan Tertiary Hospital',
    nameZh: '上海华山三甲医院',
    kind: 'shanghai_hospital',
    timeZone: SH,
    country: 'CN',
    departments: [
      { code: 'gi-surgery', name: 'Gastrointestinal Surgery', nameZh: '胃肠外科', specialty: 'gi_surgery' },
      { code: 'spine', name: 'Spine Centre', nameZh: '脊柱中心', specialty: 'spine' },
      { code: 'oncology', name: 'Oncology', nameZh: '肿瘤科', specialty: 'oncology', minutes: 45 },
    ],
  },
  {
    code: 'almaty-partner',
    name: 'Almaty Partner Clinic',
    kind: 'overseas_partner',
    timeZone: 'Asia/Almaty',
    country: 'KZ',
    departments: [],
  },
];

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@yiqiao.test',
    fullName: 'Platform Admin',
    role: 'admin',
    locale: 'en',
    timeZone: SH,
    spokenLanguages: ['en', 'zh-cmn'],
  },
  {
    email: 'coordinator@pudong.test',
    fullName: 'Chen Jing 陈静',
    role: 'coordinator',
    institution: 'pudong-intl',
    locale: 'zh-CN',
    timeZone: SH,
    spokenLanguages: ['zh-cmn', 'en'],
  },
  {
    email: 'coordinator@huashan.test',
    fullName: 'Wang Lei 王磊',
    role: 'coordinator',
    institution: 'huashan-tertiary',
    locale: 'zh-CN',
    timeZone: SH,
    spokenLanguages: ['zh-cmn', 'en'],
  },
  {
    email: 'dr.li@pudong.test',
    fullName: 'Dr. Li Wei 李伟',
    role: 'specialist',
    institution: 'pudong-intl',
    locale: 'zh-CN',
    timeZone: SH,
    spokenLanguages: ['zh-cmn'],
    departments: ['urology'],
    title: 'Chief Physician, Urology',
  },
  {
    email: 'dr.zhang@pudong.test',
    fullName: 'Dr. Zhang Min 张敏',
    role: 'specialist',
    institution: 'pudong-intl',
    locale: 'en',
    timeZone: SH,
    spokenLanguages: ['zh-cmn', 'en'],
    departments: ['oncology'],
    title: 'Associate Chief Physician, Oncology',
  },
  {
    email: 'dr.zhou@pudong.test',
    fullName: 'Dr. Zhou Yan 周燕',
    role: 'specialist',
    institution: 'pudong-intl',
    locale: 'zh-CN',
    timeZone: SH,
    spokenLanguages: ['zh-cmn', 'zh-wuu'],
    departments: ['thyroid-breast', 'cardiology'],
    title: 'Attending Physician',
  },
  {
    email: 'dr.sun@huashan.test',
    fullName: 'Dr. Sun Hao 孙浩',
    role: 'specialist',
    institution: 'huashan-tertiary',
    locale: 'zh-CN',
    timeZone: SH,
    spokenLanguages: ['zh-cmn'],
    departments: ['gi-surgery'],
    title: 'Chief Physician, GI Surgery',
  },
  {
    email: 'dr.guo@huashan.test',
    fullName: 'Dr. Guo Fang 郭芳',
    role: 'specialist',
    institution: 'huashan-tertiary',
    locale: 'en',
    timeZone: SH,
    spokenLanguages: ['zh-cmn', 'en', 'ja'],
    departments: ['spine', 'oncology'],
    title: 'Chief Physician, Spine Centre',
  },
  {
    email: 'anna.interpreter@yiqiao.test',
    fullName: 'Anna Petrova',
    role: 'interpreter',
    institution: 'pudong-intl',
    locale: 'ru',
    timeZone: SH,
    spokenLanguages: ['ru', 'zh-cmn', 'en'],
    languagePairs: [
      ['ru', 'zh-cmn'],
      ['en', 'zh-cmn'],
    ],
    specialties: [
      { specialty: 'oncology', certified: true },
      { specialty: 'urology', certified: true },
    ],
    certification: 'CATTI Level 2',
  },
  {
    email: 'omar.interpreter@yiqiao.test',
    fullName: 'Omar Haddad',
    role: 'interpreter',
    institution: 'pudong-intl',
    locale: 'ar',
    timeZone: SH,
    spokenLanguages: ['ar', 'ar-afb', 'zh-cmn'],
    languagePairs: [
      ['ar', 'zh-cmn'],
      ['ar-afb', 'zh-cmn'],
    ],
    specialties: [
      { specialty: 'cardiology', certified: true },
      { specialty: 'oncology', certified: false },
    ],
    certification: 'CATTI Level 3',
  },
  {
    email: 'yuki.interpreter@yiqiao.test',
    fullName: 'Sato Yuki 佐藤由纪',
    role: 'interpreter',
    institution: 'huashan-tertiary',
    locale: 'ja',
    timeZone: SH,
    spokenLanguages: ['ja', 'zh-cmn', 'en'],
    languagePairs: [
      ['ja', 'zh-cmn'],
      ['en', 'zh-cmn'],
    ],
    specialties: [
      { specialty: 'gi_surgery', certified: true },
      { specialty: 'spine', certified: true },
      { specialty: 'oncology', certified: true },
    ],
    certification: 'CATTI Level 2',
  },
  {
    email: 'ka-ming.interpreter@yiqiao.test',
    fullName: 'Chan Ka-ming 陳家明',
    role: 'interpreter',
    institution: 'pudong-intl',
    locale: 'en',
    timeZone: 'Asia/Hong_Kong',
    spokenLanguages: ['zh-yue', 'en'],
    languagePairs: [['en', 'zh-yue']],
    specialties: [{ specialty: 'urology', certified: true }],
  },
  {
    email: 'james.patient@example.test',
    fullName: 'James Miller',
    role: 'patient',
    locale: 'en',
    timeZone: 'America/New_York',
    country: 'US',
    spokenLanguages: ['en'],
  },
  {
    email: 'olga.patient@example.test',
    fullName: 'Olga Smirnova',
    role: 'patient',
    locale: 'ru',
    timeZone: 'Europe/Moscow',
    country: 'RU',
    spokenLanguages: ['ru'],
  },
  {
    email: 'fatima.patient@example.test',
    fullName: 'Fatima Al-Sayed',
    role: 'patient',
    locale: 'ar',
    timeZone: 'Asia/Dubai',
    country: 'AE',
    spokenLanguages: ['ar', 'ar-afb'],
  },
  {
    email: 'kenji.patient@example.test',
    fullName: 'Tanaka Kenji 田中健二',
    role: 'patient',
    locale: 'ja',
    timeZone: 'Asia/Tokyo',
    country: 'JP',
    spokenLanguages: ['ja'],
  },
  {
    email: 'priya.patient@example.test',
    fullName: 'Priya Shrestha',
    role: 'patient',
    locale: 'en',
    timeZone: 'Asia/Kathmandu',
    country: 'NP',
    spokenLanguages: ['en'],
  },
  {
    email: 'amelia.patient@example.test',
    fullName: 'Amelia Clarke',
    role: 'patient',
    locale: 'en',
    timeZone: 'Europe/London',
    country: 'GB',
    spokenLanguages: ['en'],
  },
];
